package dev.berth.broker.problems;

import java.util.List;

import dev.berth.api.model.FieldViolation;
import dev.berth.api.model.Problem;

/**
 * Base of every error Berth raises on purpose. Application services throw subclasses
 * (one per situation, in the package of the capability that raises it); the REST and gRPC
 * adapters map them once, in {@link ProblemExceptionMappers} and
 * {@code GrpcProblemInterceptor}. Not sealed: Java would then force every subclass into
 * this package, against packaging by capability.
 */
public abstract class BerthProblem extends RuntimeException {

    private final ProblemCode code;
    private final List<FieldViolation> violations;

    protected BerthProblem(ProblemCode code, String detail) {
        this(code, detail, List.of());
    }

    protected BerthProblem(ProblemCode code, String detail, List<FieldViolation> violations) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public ProblemCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Adds problem-specific members (e.g. a placement explanation) to the response body. */
    public void decorate(Problem body) {
    }
}
