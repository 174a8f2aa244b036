package dev.berth.broker.serviceaccounts;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems service-account management can raise. */
public final class ServiceAccountProblems {

    private ServiceAccountProblems() {
    }

    /** Also the answer for other tenants' service accounts and for clients Berth does not manage. */
    public static final class NotFound extends BerthProblem {
        public NotFound(Object id) {
            super(ProblemCode.SERVICE_ACCOUNT_NOT_FOUND, "No service account " + id + " in this tenant.");
        }
    }

    public static final class NameTaken extends BerthProblem {
        public NameTaken(String name) {
            super(ProblemCode.SERVICE_ACCOUNT_NAME_TAKEN, "The tenant already has a service account named '" + name + "'.");
        }
    }
}
