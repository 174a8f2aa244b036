package dev.berth.broker.problems;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Test-only route that answers what a careless mapper would: a problem body quoting a
 * NullPointerException. It bypasses {@link ProblemResponses} on purpose, so that
 * {@code ProblemBodyGuardTest} can prove the suite-wide guard catches such a body.
 */
@Path("/test-only/leaky-problem")
public class LeakyProblemResource {

    static final String LEAKY_DETAIL = "java.lang.NullPointerException: Cannot invoke \\\"String.length()\\\" because \\\"s\\\" is null";

    @GET
    public Response leak() {
        return Response.status(500).type(ProblemResponses.MEDIA_TYPE)
                .entity("{\"type\":\"https://berth.dev/problems/internal\",\"title\":\"Internal error\",\"status\":500,"
                        + "\"code\":\"internal\",\"detail\":\"" + LEAKY_DETAIL + "\"}")
                .build();
    }
}
