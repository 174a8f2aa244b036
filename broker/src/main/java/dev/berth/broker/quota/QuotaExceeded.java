package dev.berth.broker.quota;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** Admitting the workload would take the tenant over a quota limit. */
public final class QuotaExceeded extends BerthProblem {
    public QuotaExceeded(String detail) {
        super(ProblemCode.QUOTA_EXCEEDED, detail);
    }
}
