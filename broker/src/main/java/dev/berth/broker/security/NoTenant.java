package dev.berth.broker.security;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** A tenant-scoped operation was called with a token that carries no tenant. */
public final class NoTenant extends BerthProblem {
    public NoTenant() {
        super(ProblemCode.AUTH_NO_TENANT, "The token carries no tenant; this operation is tenant-scoped.");
    }
}
