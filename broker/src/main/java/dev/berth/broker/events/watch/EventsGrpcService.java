package dev.berth.broker.events.watch;

import java.util.UUID;

import dev.berth.broker.db.Json;
import dev.berth.broker.events.Event;
import dev.berth.broker.events.EventAccess;
import dev.berth.broker.events.EventScope;
import dev.berth.broker.events.WatchPosition;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.grpc.v1.Events;
import dev.berth.grpc.v1.WatchEventsRequest;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/**
 * gRPC adapter for watch streams: the same {@link EventWatches} and the same scoping rules as
 * {@link EventStreamResource}. Heartbeats are not sent as messages (HTTP/2 and gRPC keepalive
 * cover idle connections).
 */
@GrpcService
@Blocking
public class EventsGrpcService implements Events {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final EventAccess access;
    private final EventWatches watches;

    EventsGrpcService(SecurityIdentity identity, CallerResolver callers, EventAccess access, EventWatches watches) {
        this.identity = identity;
        this.callers = callers;
        this.access = access;
        this.watches = watches;
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
    public Multi<dev.berth.grpc.v1.Event> watchEvents(WatchEventsRequest request) {
        if (request.getAfterId() < 0) {
            throw new InvalidRequest("after_id", "not an event id (a non-negative integer)");
        }
        Caller caller = callers.resolve(identity);
        EventScope scope;
        if (request.getWorkloadId().isEmpty()) {
            scope = access.all(caller, request.getTenant());
        } else {
            if (!request.getTenant().isEmpty()) {
                throw new InvalidRequest("tenant", "not allowed with workload_id");
            }
            scope = access.workload(caller, workloadId(request.getWorkloadId()));
        }
        WatchPosition from = access.resumePosition(scope, request.getAfterId(), "after_id");
        return watches.open(scope, from)
                .filter(item -> !item.heartbeat())
                .map(item -> toProto(item.event()));
    }

    private static UUID workloadId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("workload_id", "not a UUID");
        }
    }

    static dev.berth.grpc.v1.Event toProto(Event e) {
        return dev.berth.grpc.v1.Event.newBuilder()
                .setId(e.id()).setType(e.type()).setMessage(e.message() == null ? "" : e.message()).setActor(e.actor())
                .setOperationId(e.operationId() == null ? "" : e.operationId().toString())
                .setWorkloadId(e.workloadId() == null ? "" : e.workloadId().toString())
                .setTenant(e.tenant())
                .setDataJson(Json.write(e.data()))
                .setCreatedAt(com.google.protobuf.Timestamp.newBuilder()
                        .setSeconds(e.createdAt().toEpochSecond()).setNanos(e.createdAt().getNano()))
                .build();
    }
}
