package dev.berth.policies;

/** What a violated policy does to the request (admission) or host (placement). */
public enum PolicyEffect {
    /** A violation rejects the request / makes the host ineligible. Fails closed on evaluation errors. */
    DENY,
    /** A violation is reported as a warning and nothing is blocked. Fails open on evaluation errors. */
    WARN
}
