package dev.berth.provider.sim;

/** The mutating calls of a simulated host, each with its own latency distribution. */
enum SimCall {
    PROVISION,
    START,
    STOP,
    /** Takes a stop's and a start's latency. */
    RESTART,
    DELETE,
    /** Taking or reverting to a snapshot. */
    SNAPSHOT
}
