package dev.berth.broker.ratelimit;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.broker.problems.GrpcProblems;
import dev.berth.broker.problems.ProblemCode;
import dev.berth.broker.problems.ProblemResponses;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Enforces {@link RateLimiter} on every API call, REST and gRPC alike (both are served by this
 * HTTP server), once the caller is authenticated — the budgets belong to the token's tenant
 * and client — and before any resource or gRPC service runs, so a refused call costs no
 * database work. Calls without a valid token pass through untouched and are answered 401 by
 * the API as usual.
 *
 * <p>A refusal is {@code 429} problem+json {@code rate_limited} with {@code Retry-After}
 * (seconds) on REST, and {@code RESOURCE_EXHAUSTED} with the trailers {@code berth-error-code:
 * rate_limited} and {@code retry-after} (seconds) on gRPC.
 */
@ApplicationScoped
public class RateLimitRoute {

    /** gRPC metadata key carrying the retry delay in seconds, named like the HTTP header. */
    public static final String RETRY_AFTER = "retry-after";

    /**
     * After Quarkus' authentication (-200) and authorization (-100) handlers, which put the
     * request's deferred identity in place; before every route that serves the API (REST and
     * gRPC routes have non-negative orders).
     */
    private static final int ORDER = -50;

    private static final BiConsumer<RoutingContext, Throwable> SILENT = (ctx, failure) -> {
    };

    private final RateLimitConfig config;
    private final RateLimiter limiter;
    private final CallerResolver callers;
    private final ObjectMapper json;

    RateLimitRoute(RateLimitConfig config, RateLimiter limiter, CallerResolver callers, ObjectMapper json) {
        this.config = config;
        this.limiter = limiter;
        this.callers = callers;
        this.json = json;
    }

    void install(@Observes Router router) {
        if (config.enabled()) {
            router.route().order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        boolean grpc = isGrpc(request);
        // The normalised path is what the routes match on: "//v1/./workloads" cannot slip past.
        String path = ctx.normalizedPath();
        Optional<CallClass> callClass = grpc ? ApiCalls.grpc(path) : ApiCalls.rest(request.method().name(), path);
        if (callClass.isEmpty()) {
            ctx.next();
            return;
        }
        Context context = Vertx.currentContext();
        // Authentication may finish later (e.g. a key set refresh): hold the body meanwhile.
        request.pause();
        // The deferred identity reports a failed authentication, once, to the routing context's
        // auth failure handler; by default that answers a bare 401. The REST and gRPC layers each
        // answer it their own way (problem+json, a status with berth-error-code), so this first
        // look must stay silent and leave the answer to them.
        Object failureHandler = ctx.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, SILENT);
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> on(context, ctx, () -> {
                    restore(ctx, failureHandler);
                    decide(ctx, identity, callClass.get(), grpc);
                }),
                failure -> on(context, ctx, () -> {
                    restore(ctx, failureHandler);
                    proceed(ctx);
                }));
    }

    private static void restore(RoutingContext ctx, Object failureHandler) {
        if (failureHandler == null) {
            ctx.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        } else {
            ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, failureHandler);
        }
    }

    private void decide(RoutingContext ctx, SecurityIdentity identity, CallClass callClass, boolean grpc) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            proceed(ctx);
            return;
        }
        Optional<RateLimiter.Refusal> refusal = limiter.charge(callers.resolve(identity), callClass);
        if (refusal.isEmpty()) {
            proceed(ctx);
            return;
        }
        resume(ctx);  // the unread body is discarded, so the connection stays usable
        if (grpc) {
            refuseGrpc(ctx, refusal.get());
        } else {
            refuseRest(ctx, refusal.get());
        }
    }

    private static void proceed(RoutingContext ctx) {
        resume(ctx);
        ctx.next();
    }

    private static void resume(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            ctx.request().resume();
        }
    }

    private void refuseRest(RoutingContext ctx, RateLimiter.Refusal refusal) {
        String body;
        try {
            body = json.writeValueAsString(ProblemResponses.body(ProblemCode.RATE_LIMITED, detail(refusal),
                    ctx.request().path(), List.of()));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
            return;
        }
        ctx.response().setStatusCode(ProblemCode.RATE_LIMITED.httpStatus())
                .putHeader("Content-Type", ProblemResponses.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()))
                .end(body);
    }

    /**
     * A gRPC "Trailers-Only" answer (status and trailers in the response headers, no
     * message), which is what a gRPC server sends for a call refused before it starts.
     */
    private static void refuseGrpc(RoutingContext ctx, RateLimiter.Refusal refusal) {
        ctx.response().setStatusCode(200)
                .putHeader("content-type", "application/grpc")
                .putHeader("grpc-status", Integer.toString(ProblemCode.RATE_LIMITED.grpcStatus().value()))
                .putHeader("grpc-message", detail(refusal))
                .putHeader(GrpcProblems.CODE_TRAILER.name(), ProblemCode.RATE_LIMITED.code())
                .putHeader(RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()))
                .end();
    }

    /** Plain ASCII without '%' (it doubles as a gRPC status message, which is percent-encoded). */
    static String detail(RateLimiter.Refusal refusal) {
        String whose = switch (refusal.scope()) {
            case TENANT -> "this tenant";
            case CLIENT, PLATFORM -> "this client";
        };
        String what = refusal.callClass() == CallClass.READ ? "read" : "write";
        return "Too many " + what + " requests from " + whose + "; retry after " + refusal.retryAfterSeconds() + " s.";
    }

    private static boolean isGrpc(HttpServerRequest request) {
        String type = request.getHeader("content-type");
        return type != null && type.startsWith("application/grpc");
    }

    /** Runs on the request's own context; a failure ends the request as an internal error instead of hanging it. */
    private static void on(Context context, RoutingContext ctx, Runnable action) {
        Runnable guarded = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                resume(ctx);
                ctx.fail(e);
            }
        };
        if (context == null || Vertx.currentContext() == context) {
            guarded.run();
        } else {
            context.runOnContext(v -> guarded.run());
        }
    }
}
