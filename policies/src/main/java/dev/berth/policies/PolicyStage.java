package dev.berth.policies;

/** Where in the create path a policy is evaluated. */
public enum PolicyStage {
    /** Once per request, before placement; sees {@code request}, {@code tenant}, {@code usage}, {@code now}. */
    ADMISSION,
    /** Once per candidate host (shared between hosts that look alike); sees {@code host} as well. */
    PLACEMENT
}
