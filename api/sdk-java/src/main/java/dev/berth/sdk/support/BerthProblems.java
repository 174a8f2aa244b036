package dev.berth.sdk.support;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Problem;

/** Reads the RFC 9457 problem out of a failed call, so callers can branch on its stable {@code code}. */
public final class BerthProblems {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private BerthProblems() {
    }

    public static Optional<Problem> of(ApiException e) {
        String body = e.getResponseBody();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(body, Problem.class));
        } catch (IOException notAProblem) {
            return Optional.empty();
        }
    }

    /** The problem's stable code, or {@code null} when the response carried no problem document. */
    public static String code(ApiException e) {
        return of(e).map(Problem::getCode).orElse(null);
    }
}
