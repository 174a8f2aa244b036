package dev.berth.broker.workloads;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle: PENDING → SCHEDULED → PROVISIONING → RUNNING ⇄ STOPPED → DELETING → DELETED; FAILED with a reason.
 * Set by the reconciler from what the provider reports: LOST (the provider object is gone while the
 * workload should exist; it keeps its quota) and CRASH_LOOP (it kept exiting and Berth stopped
 * restarting it). A later UNKNOWN (host unreachable) fits beside them.
 */
public enum WorkloadStatus {
    PENDING, SCHEDULED, PROVISIONING, RUNNING, STOPPED, DELETING, DELETED, FAILED, LOST, CRASH_LOOP;

    /** States from which start/stop/restart may be queued (they run after any earlier operation). */
    static final Set<WorkloadStatus> OPERABLE = EnumSet.of(SCHEDULED, PROVISIONING, RUNNING, STOPPED, CRASH_LOOP);
    /** States from which a delete may be queued. */
    static final Set<WorkloadStatus> DELETABLE = EnumSet.of(PENDING, SCHEDULED, PROVISIONING, RUNNING, STOPPED, FAILED,
            LOST, CRASH_LOOP);
}
