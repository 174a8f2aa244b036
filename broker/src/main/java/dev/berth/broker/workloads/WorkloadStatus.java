package dev.berth.broker.workloads;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle: PENDING → SCHEDULED → PROVISIONING → RUNNING ⇄ STOPPED → DELETING → DELETED; FAILED with a reason. */
public enum WorkloadStatus {
    PENDING, SCHEDULED, PROVISIONING, RUNNING, STOPPED, DELETING, DELETED, FAILED;

    /** States from which start/stop/restart may be queued (they run after any earlier operation). */
    static final Set<WorkloadStatus> OPERABLE = EnumSet.of(SCHEDULED, PROVISIONING, RUNNING, STOPPED);
    /** States from which a delete may be queued. */
    static final Set<WorkloadStatus> DELETABLE = EnumSet.of(PENDING, SCHEDULED, PROVISIONING, RUNNING, STOPPED, FAILED);
}
