package dev.berth.broker.operations;

import java.util.UUID;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems the operations API can raise. */
public final class OperationProblems {

    private OperationProblems() {
    }

    public static final class NotFound extends BerthProblem {
        public NotFound(UUID id) {
            super(ProblemCode.OPERATION_NOT_FOUND, "No operation " + id + ".");
        }
    }
}
