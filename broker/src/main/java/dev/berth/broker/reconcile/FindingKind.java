package dev.berth.broker.reconcile;

/**
 * What a reconcile pass can find on a host; counted per pass, exported as
 * {@code berth_reconcile_findings_total{kind}} and written as events {@code reconcile.<kind>}.
 */
public enum FindingKind {
    /** The provider object of a workload that should exist is gone: the workload is LOST. */
    LOST,
    /** The workload's process ended on its own: the restart policy was applied. */
    EXITED,
    /** It kept exiting: Berth stopped restarting it (CRASH_LOOP). */
    CRASH_LOOP,
    /** A Berth-labelled object of this installation with no live workload (reported, removed after the grace). */
    ORPHAN,
    /** An orphan removed after its grace period. */
    ORPHAN_REMOVED,
    /** A workload row whose provider object never came to exist and has no operation left: the create is re-driven. */
    GHOST,
    /** The provider's object disagrees with the workload (labels, limits, running while stopped, another host): reported, not fixed. */
    DRIFT,
    /** A workload Berth still showed as starting or stopped is seen running: its status follows. */
    RECOVERED;

    public String eventType() {
        return "reconcile." + name().toLowerCase();
    }
}
