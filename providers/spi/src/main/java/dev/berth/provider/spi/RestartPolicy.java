package dev.berth.provider.spi;

/** What the provider does when the workload's main process exits on its own. */
public enum RestartPolicy {
    /** Leave it stopped. */
    NEVER,
    /** Restart it when it exits with a non-zero status. */
    ON_FAILURE,
    /** Restart it whenever it exits, until Berth stops it. */
    ALWAYS
}
