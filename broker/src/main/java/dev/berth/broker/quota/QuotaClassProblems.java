package dev.berth.broker.quota;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** Problems of quota class administration. */
public final class QuotaClassProblems {

    private QuotaClassProblems() {
    }

    public static final class NotFound extends BerthProblem {
        public NotFound(String name) {
            super(ProblemCode.QUOTA_CLASS_NOT_FOUND, "No quota class '" + name + "'.");
        }
    }
}
