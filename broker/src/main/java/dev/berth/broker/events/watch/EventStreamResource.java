package dev.berth.broker.events.watch;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.broker.events.EventAccess;
import dev.berth.broker.events.EventMapper;
import dev.berth.broker.events.EventScope;
import dev.berth.broker.events.WatchPosition;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;
import dev.berth.broker.problems.ProblemResponses;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/**
 * The watch form of {@code GET /v1/events} and {@code GET /v1/workloads/{id}/events}, as
 * Server-Sent Events (reached through {@link WatchRouting}; the spec's {@code WatchStream}
 * describes the frames). Refusals (bad resume id, foreign workload, watch cap) happen before the
 * stream starts, so they are ordinary problem+json answers.
 */
@Path(EventStreamResource.PREFIX)
public class EventStreamResource {

    /** Internal path prefix the watch requests are routed under. */
    static final String PREFIX = "/v1/watch";

    private static final Logger LOG = Logger.getLogger(EventStreamResource.class);

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final EventAccess access;
    private final EventWatches watches;
    private final ObjectMapper json;

    EventStreamResource(SecurityIdentity identity, CallerResolver callers, EventAccess access, EventWatches watches,
                        ObjectMapper json) {
        this.identity = identity;
        this.callers = callers;
        this.access = access;
        this.watches = watches;
        this.json = json;
    }

    @GET
    @Blocking
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
    public Multi<OutboundSseEvent> watchEvents(@QueryParam("tenant") String tenant, @QueryParam("after") String after,
                                               @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        EventScope scope = access.all(callers.resolve(identity), tenant);
        return stream(scope, access.resume(scope, lastEventId, after), sse, "/v1/events");
    }

    @GET
    @Blocking
    @Path("/workloads/{workloadId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({TENANT_USER, TENANT_ADMIN})
    public Multi<OutboundSseEvent> watchWorkloadEvents(@PathParam("workloadId") UUID workloadId,
                                                       @QueryParam("after") String after,
                                                       @HeaderParam("Last-Event-ID") String lastEventId,
                                                       @Context Sse sse) {
        EventScope scope = access.workload(callers.resolve(identity), workloadId);
        return stream(scope, access.resume(scope, lastEventId, after), sse, "/v1/workloads/" + workloadId + "/events");
    }

    private Multi<OutboundSseEvent> stream(EventScope scope, WatchPosition resume, Sse sse, String instance) {
        return watches.open(scope, resume)
                .map(item -> frame(item, sse))
                .onFailure().recoverWithItem(failure -> errorFrame(failure, sse, instance));
    }

    private OutboundSseEvent frame(WatchItem item, Sse sse) {
        if (item.heartbeat()) {
            return sse.newEventBuilder().comment("heartbeat").build();
        }
        return sse.newEventBuilder().id(Long.toString(item.event().id())).name(item.event().type())
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, write(EventMapper.toApi(item.event()))).build();
    }

    /** The stream's last frame when it ends on an error: the problem body, as any route would answer it. */
    private OutboundSseEvent errorFrame(Throwable failure, Sse sse, String instance) {
        Object body;
        if (failure instanceof BerthProblem p) {
            body = ProblemResponses.body(p.code(), p.getMessage(), instance, List.of());
        } else {
            LOG.error("watch failed", failure);
            body = ProblemResponses.body(ProblemCode.INTERNAL, "The watch failed; reconnect with Last-Event-ID.", instance, List.of());
        }
        return sse.newEventBuilder().name("error").mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, write(body)).build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
