package dev.berth.broker.problems;

import java.util.Comparator;
import java.util.List;

import dev.berth.api.model.FieldViolation;
import jakarta.validation.Validator;

/**
 * Runs the OpenAPI model's Bean Validation constraints on a request the gRPC adapters built
 * from protobuf, so both protocols refuse exactly the same input with the same code.
 */
public final class ModelValidation {

    private ModelValidation() {
    }

    public static <T> T valid(Validator validator, T model) {
        List<FieldViolation> violations = validator.validate(model).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new FieldViolation().field(ProblemExceptionMappers.jsonPath(v.getPropertyPath().toString()))
                        .message(v.getMessage()))
                .toList();
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
        return model;
    }
}
