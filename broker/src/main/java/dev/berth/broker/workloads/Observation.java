package dev.berth.broker.workloads;

import java.time.OffsetDateTime;

/**
 * What the provider last reported about a workload (the reconciler's pass or the worker's
 * own call), as stored; {@link #NONE} before the first report.
 *
 * @param phase      the provider's own state word ("running", "exited", "pending", "STOPPED")
 * @param exitCode   the main process's exit code once it ended; null while it runs or if unknown
 * @param detail     the provider's own words
 * @param startedAt  when the current or last run started, when the provider says
 * @param finishedAt when the last run ended, when it has
 * @param seenAt     when Berth read this
 */
public record Observation(String phase, Integer exitCode, String detail, OffsetDateTime startedAt,
                          OffsetDateTime finishedAt, OffsetDateTime seenAt) {

    public static final Observation NONE = new Observation(null, null, null, null, null, null);
}
