package dev.berth.broker.reconcile;

import java.time.Duration;

import dev.berth.broker.workloads.Workload;
import dev.berth.provider.spi.ActualState;

/** One thing a pass decided to do about one workload or provider object (see {@link Comparison}). */
sealed interface Verdict {

    FindingKind kind();

    /** Record what the provider reports; no status change, no event. */
    record Observed(Workload workload, ActualState state) implements Verdict {
        public FindingKind kind() {
            return null;
        }
    }

    /** Seen running while Berth still showed it starting or stopped (and the tenant wants it running). */
    record BecameRunning(Workload workload, ActualState state) implements Verdict {
        public FindingKind kind() {
            return FindingKind.RECOVERED;
        }
    }

    /** Its process ended on its own while the tenant wants it running: the restart policy's answer. */
    record Exited(Workload workload, ActualState state, RestartDecision decision) implements Verdict {
        public FindingKind kind() {
            return decision.action() == RestartDecision.Action.GIVE_UP ? FindingKind.CRASH_LOOP : FindingKind.EXITED;
        }
    }

    /** Its provider object is gone; {@code decision} says whether it is re-provisioned. */
    record Gone(Workload workload, RestartDecision decision) implements Verdict {
        public FindingKind kind() {
            return FindingKind.LOST;
        }
    }

    /** Never provisioned and nothing queued any more: the create is queued again. */
    record Ghost(Workload workload) implements Verdict {
        public FindingKind kind() {
            return FindingKind.GHOST;
        }
    }

    /** A Berth object of this installation with no live workload. */
    record Orphan(ActualState state, String tenant, String why) implements Verdict {
        public FindingKind kind() {
            return FindingKind.ORPHAN;
        }
    }

    /** The object disagrees with the workload; reported once, never fixed. {@code workload} may be null. */
    record Drift(Workload workload, ActualState state, String what) implements Verdict {
        public FindingKind kind() {
            return FindingKind.DRIFT;
        }
    }

    /** Running quietly for long enough since its last restart: the count starts again. */
    record ResetRestarts(Workload workload) implements Verdict {
        public FindingKind kind() {
            return null;
        }
    }

    /** A restart's delay as text for events and reasons. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
