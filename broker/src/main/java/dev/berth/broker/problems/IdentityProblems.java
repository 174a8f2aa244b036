package dev.berth.broker.problems;

import dev.berth.tenants.directory.DirectoryRefused;
import dev.berth.tenants.directory.DirectoryUnavailable;

/**
 * The directory's failures as Berth problems, mapped once: unavailable → {@code identity.unavailable}
 * (503), refused → {@code identity.failed}; the detail is the directory's own message.
 */
public final class IdentityProblems {

    private IdentityProblems() {
    }

    /** The problem a directory failure (or an already-made problem) is answered with. */
    public static BerthProblem of(RuntimeException failure) {
        if (failure instanceof BerthProblem problem) {
            return problem;
        }
        if (failure instanceof DirectoryUnavailable) {
            return new Unavailable(failure.getMessage());
        }
        if (failure instanceof DirectoryRefused) {
            return new Failed(failure.getMessage());
        }
        throw failure;
    }

    public static final class Unavailable extends BerthProblem {
        Unavailable(String detail) {
            super(ProblemCode.IDENTITY_UNAVAILABLE, detail);
        }
    }

    public static final class Failed extends BerthProblem {
        Failed(String detail) {
            super(ProblemCode.IDENTITY_FAILED, detail);
        }
    }
}
