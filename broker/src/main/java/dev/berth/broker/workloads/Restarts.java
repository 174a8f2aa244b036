package dev.berth.broker.workloads;

import java.time.OffsetDateTime;

/**
 * Berth's own restart bookkeeping of a workload (Berth, not the engine, applies restart
 * policies; see the reconcile package).
 *
 * @param desired      what the tenant last asked for: RUNNING (create, start, restart) or STOPPED (stop)
 * @param count        restarts Berth made since the last reset (a tenant start/restart, or a long quiet run)
 * @param lastExitCode the exit code of the last run that ended on its own; null if none did
 * @param lastRestartAt when Berth last restarted or re-provisioned it
 */
public record Restarts(DesiredState desired, int count, Integer lastExitCode, OffsetDateTime lastRestartAt) {

    public static final Restarts NONE = new Restarts(DesiredState.RUNNING, 0, null, null);

    /** What the tenant wants the workload to be doing. */
    public enum DesiredState { RUNNING, STOPPED }
}
