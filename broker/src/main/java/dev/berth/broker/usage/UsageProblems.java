package dev.berth.broker.usage;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** Problems of usage reports. */
public final class UsageProblems {

    private UsageProblems() {
    }

    /** A tenant asked about another tenant: indistinguishable from one that does not exist. */
    public static final class TenantNotFound extends BerthProblem {
        public TenantNotFound(String tenant) {
            super(ProblemCode.TENANT_NOT_FOUND, "No tenant '" + tenant + "'.");
        }
    }
}
