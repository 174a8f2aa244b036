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

    public static Response of(ProblemCode code, String detail, String instance, List<FieldViolation> violations) {
        Problem body = new Problem()
                .type(code.typeUri())
                .title(code.title())
                .status(code.httpStatus())
                .code(code.code())
                .detail(detail)
                .instance(instance);
        if (!violations.isEmpty()) {
            body.errors(violations);
        }
        Response.ResponseBuilder response = Response.status(code.httpStatus()).type(MEDIA_TYPE).entity(body);
        if (code == ProblemCode.AUTH_UNAUTHENTICATED) {
            // RFC 6750 §3: a protected resource answers 401 with a Bearer challenge.
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"berth\"");
        }
        return response.build();
    }
}
