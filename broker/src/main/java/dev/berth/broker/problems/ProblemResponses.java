package dev.berth.broker.problems;

import java.util.List;

import dev.berth.api.model.FieldViolation;
import dev.berth.api.model.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds RFC 9457 problem+json responses. The only place a problem body is assembled. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response of(ProblemCode code, String detail, String instance) {
        return of(code, detail, instance, List.of());
    }

    public static Response of(BerthProblem problem, String instance) {
        Problem body = body(problem.code(), problem.getMessage(), instance, problem.violations());
        problem.decorate(body);
        return response(problem.code(), body);
    }

    public static Response of(ProblemCode code, String detail, String instance, List<FieldViolation> violations) {
        return response(code, body(code, detail, instance, violations));
    }

    /** The problem document alone, e.g. to store as an operation's error. */
    public static Problem body(ProblemCode code, String detail, String instance, List<FieldViolation> violations) {
        Problem body = new Problem()
                .type(code.typeUri())
                .title(code.title())
                .status(code.httpStatus())
                .code(code.code())
                .detail(detail)
                .instance(instance);
        body.errors(violations.isEmpty() ? null : violations);
        body.violations(null);
        return body;
    }

    private static Response response(ProblemCode code, Problem body) {
        Response.ResponseBuilder response = Response.status(code.httpStatus()).type(MEDIA_TYPE).entity(body);
        if (code == ProblemCode.AUTH_UNAUTHENTICATED) {
            // RFC 6750 §3: a protected resource answers 401 with a Bearer challenge.
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"berth\"");
        }
        return response.build();
    }
}
