package dev.berth.broker.workloads;

import java.util.UUID;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems the workload API can raise. */
public final class WorkloadProblems {

    private WorkloadProblems() {
    }

    /** Also the answer for another tenant's workload: existence must not leak across tenants. */
    public static final class NotFound extends BerthProblem {
        public NotFound(UUID id) {
            super(ProblemCode.WORKLOAD_NOT_FOUND, "No workload " + id + ".");
        }
    }

    public static final class NameTaken extends BerthProblem {
        public NameTaken(String name) {
            super(ProblemCode.WORKLOAD_NAME_TAKEN, "A live workload named '" + name + "' already exists in this tenant.");
        }
    }

    public static final class InvalidState extends BerthProblem {
        public InvalidState(String action, WorkloadStatus status) {
            super(ProblemCode.WORKLOAD_INVALID_STATE, "Cannot " + action + " a workload in status " + status + ".");
        }
    }
}
