package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems tenant administration and the tenant gate can raise. */
public final class TenantProblems {

    private TenantProblems() {
    }

    public static final class NotFound extends BerthProblem {
        public NotFound(String slug) {
            super(ProblemCode.TENANT_NOT_FOUND, "No tenant '" + slug + "'.");
        }
    }

    public static final class Exists extends BerthProblem {
        public Exists(String slug, TenantStatus status) {
            super(ProblemCode.TENANT_EXISTS, "Tenant '" + slug + "' already exists (" + status + ").");
        }
    }

    public static final class InvalidState extends BerthProblem {
        public InvalidState(String slug, String action, TenantStatus status) {
            super(ProblemCode.TENANT_INVALID_STATE, "Cannot " + action + " tenant '" + slug + "' while it is " + status + ".");
        }
    }

    public static final class HasWorkloads extends BerthProblem {
        public HasWorkloads(String slug, int live) {
            super(ProblemCode.TENANT_HAS_WORKLOADS, "Tenant '" + slug + "' still has " + live
                    + " live workload(s); delete them first, or delete the tenant with cascade=true.");
        }
    }

    public static final class Suspended extends BerthProblem {
        public Suspended(String slug) {
            super(ProblemCode.TENANT_SUSPENDED, "Tenant '" + slug + "' is suspended: reads and deletions still work, "
                    + "creations and lifecycle changes do not. Ask a platform admin to resume it.");
        }
    }

    public static final class Inactive extends BerthProblem {
        public Inactive(String slug, TenantStatus status) {
            super(ProblemCode.TENANT_INACTIVE, "Tenant '" + slug + "' is " + status + "; it cannot change anything now.");
        }
    }
}
