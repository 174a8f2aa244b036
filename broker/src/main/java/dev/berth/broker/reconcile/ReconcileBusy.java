package dev.berth.broker.reconcile;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** An admin's pass could not start: another pass of the host ran for longer than the wait. */
final class ReconcileBusy extends BerthProblem {
    ReconcileBusy(String host) {
        super(ProblemCode.RECONCILE_BUSY, "A reconcile pass of host '" + host + "' is still running; try again shortly.");
    }
}
