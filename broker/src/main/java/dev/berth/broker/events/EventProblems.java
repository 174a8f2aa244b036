package dev.berth.broker.events;

import java.util.UUID;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/**
 * Problems of event lists and watches. The not-found answers read exactly like the workload and
 * tenant routes' own (same code, same detail), so a foreign id looks like a missing one here too;
 * they are redeclared because those packages already depend on this one.
 */
public final class EventProblems {

    private EventProblems() {
    }

    public static final class WorkloadNotFound extends BerthProblem {
        public WorkloadNotFound(UUID id) {
            super(ProblemCode.WORKLOAD_NOT_FOUND, "No workload " + id + ".");
        }
    }

    public static final class TenantNotFound extends BerthProblem {
        public TenantNotFound(String slug) {
            super(ProblemCode.TENANT_NOT_FOUND, "No tenant '" + slug + "'.");
        }
    }

    /** All of the tenant's concurrent watches on this replica are open. */
    public static final class WatchLimitExceeded extends BerthProblem {
        public WatchLimitExceeded(int limit) {
            super(ProblemCode.WATCH_LIMIT_EXCEEDED, "This tenant already has " + limit
                    + " open watches; close one or retry later.");
        }
    }
}
