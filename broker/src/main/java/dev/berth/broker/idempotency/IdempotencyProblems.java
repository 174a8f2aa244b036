package dev.berth.broker.idempotency;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems an Idempotency-Key can raise. */
public final class IdempotencyProblems {

    private IdempotencyProblems() {
    }

    public static final class KeyReused extends BerthProblem {
        public KeyReused(String key) {
            super(ProblemCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key
                    + "' was already used for a different request; use a new key for a new request.");
        }
    }

    public static final class InFlight extends BerthProblem {
        public InFlight(String key) {
            super(ProblemCode.IDEMPOTENCY_IN_FLIGHT, "A request with Idempotency-Key '" + key
                    + "' is still being processed; retry shortly to get its result.");
        }
    }
}
