package dev.berth.broker.problems;

import java.util.List;

import dev.berth.api.model.FieldViolation;

/** A field the schema accepted but the service cannot (e.g. sub-millicore vCPU, bad page token). */
public final class InvalidRequest extends BerthProblem {
    public InvalidRequest(String field, String message) {
        this(List.of(new FieldViolation().field(field).message(message)));
    }

    public InvalidRequest(List<FieldViolation> violations) {
        super(ProblemCode.REQUEST_INVALID, "The request has invalid fields: " + violations.stream()
                .map(v -> v.getField() + " " + v.getMessage()).toList(), violations);
    }
}
