package dev.berth.broker.snapshots;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems the snapshot API can raise. */
public final class SnapshotProblems {

    private SnapshotProblems() {
    }

    public static final class NotFound extends BerthProblem {
        public NotFound(String name) {
            super(ProblemCode.SNAPSHOT_NOT_FOUND, "No snapshot '" + name + "' of this workload.");
        }
    }

    public static final class NameTaken extends BerthProblem {
        public NameTaken(String name) {
            super(ProblemCode.SNAPSHOT_NAME_TAKEN, "The workload already has a snapshot named '" + name + "'.");
        }
    }

    public static final class NotRestorable extends BerthProblem {
        public NotRestorable(String why) {
            super(ProblemCode.SNAPSHOT_NOT_RESTORABLE, why);
        }
    }

    public static final class Unsupported extends BerthProblem {
        public Unsupported(String driver) {
            super(ProblemCode.SNAPSHOTS_UNSUPPORTED, "Hosts of driver '" + driver + "' cannot take snapshots.");
        }
    }
}
