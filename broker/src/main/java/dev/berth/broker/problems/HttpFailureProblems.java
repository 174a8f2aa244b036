package dev.berth.broker.problems;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Failures the HTTP layer answers before any resource runs (body over the size limit,
 * unreadable request) would otherwise leave with an empty body; this gives them the same
 * problem+json as everything else.
 */
@ApplicationScoped
public class HttpFailureProblems {

    private final long maxBodyBytes;

    HttpFailureProblems(@org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.limits.max-body-size")
                        io.quarkus.runtime.configuration.MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversized).failureHandler(this::handle);
    }

    /** Declared bodies over the limit are refused before they are read, with a problem document. */
    private void refuseOversized(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    ctx.fail(413);
                    return;
                }
            } catch (NumberFormatException e) {
                ctx.fail(400);
                return;
            }
        }
        ctx.next();
    }

    private void handle(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        ProblemCode code = switch (status) {
            case 413 -> ProblemCode.REQUEST_TOO_LARGE;
            case 400 -> ProblemCode.REQUEST_MALFORMED;
            default -> null;
        };
        if (code == null) {
            ctx.next();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", code.typeUri())
                .put("title", code.title())
                .put("status", code.httpStatus())
                .put("code", code.code())
                .put("detail", status == 413 ? "The request body is larger than this API accepts (" + maxBodyBytes + " bytes)."
                        : "The request could not be read.")
                .put("instance", ctx.request().path());
        ctx.response().setStatusCode(status).putHeader("Content-Type", ProblemResponses.MEDIA_TYPE).end(body.encode());
    }
}
