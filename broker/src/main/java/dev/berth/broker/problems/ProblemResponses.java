package dev.berth.broker.problems;

import java.util.List;

import dev.berth.api.model.FieldViolation;
import dev.berth.api.model.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/** Builds RFC 9457 problem+json responses. The only place a problem body is assembled. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

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
                .detail(publicDetail(code, detail))
                .instance(instance);
        body.errors(violations.isEmpty() ? null : violations.stream().map(v -> publicViolation(code, v)).toList());
        body.violations(null);
        return body;
    }

    /**
     * The last line of defence: a detail that still names Java classes or exceptions (a
     * mapper that forgot to say it in words) is replaced by the code's title and logged,
     * so the bug is seen without the client seeing internals.
     */
    static String publicDetail(ProblemCode code, String detail) {
        if (!PublicText.revealsInternals(detail)) {
            return detail;
        }
        LOG.warnf("problem %s: detail replaced, it revealed internals: %s", code.code(), detail);
        return code.title() + ".";
    }

    private static FieldViolation publicViolation(ProblemCode code, FieldViolation v) {
        if (!PublicText.revealsInternals(v.getMessage())) {
            return v;
        }
        LOG.warnf("problem %s: message of field %s replaced, it revealed internals: %s", code.code(), v.getField(),
                v.getMessage());
        return new FieldViolation().field(v.getField()).message("is invalid");
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
