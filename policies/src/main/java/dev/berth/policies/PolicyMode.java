package dev.berth.policies;

/** Whether a policy acts on its outcome or only reports it. */
public enum PolicyMode {
    /** The effect applies: a {@link PolicyEffect#DENY} violation blocks, a {@link PolicyEffect#WARN} one warns. */
    ENFORCE,
    /** Violations are reported as audit findings ("would have denied / warned") and block nothing. */
    AUDIT
}
