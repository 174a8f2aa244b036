package dev.berth.broker.workloads;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.api.model.EventPage;
import dev.berth.api.model.SnapshotCreate;
import dev.berth.api.model.SnapshotList;
import dev.berth.api.model.SnapshotRestore;
import dev.berth.api.model.WorkloadCreate;
import dev.berth.api.model.WorkloadPage;
import dev.berth.api.rest.WorkloadsApi;
import dev.berth.broker.events.EventPageToken;
import dev.berth.broker.db.PageToken;
import dev.berth.broker.events.Event;
import dev.berth.broker.idempotency.IdempotencyKeys;
import dev.berth.broker.idempotency.IdempotentRequests;
import dev.berth.broker.idempotency.StoredResponse;
import dev.berth.broker.operations.OperationType;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.snapshots.Snapshot;
import dev.berth.broker.snapshots.SnapshotService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** REST adapter for {@code /v1/workloads}; the logic is in {@link WorkloadService}. */
@RolesAllowed({TENANT_USER, TENANT_ADMIN})
public class WorkloadsResource implements WorkloadsApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final WorkloadService service;
    private final IdempotentRequests idempotent;
    private final SnapshotService snapshots;

    WorkloadsResource(SecurityIdentity identity, CallerResolver callers, WorkloadService service,
                      IdempotentRequests idempotent, SnapshotService snapshots) {
        this.identity = identity;
        this.callers = callers;
        this.service = service;
        this.idempotent = idempotent;
        this.snapshots = snapshots;
    }

    @Override
    public Response createSnapshot(UUID workloadId, SnapshotCreate request, String idempotencyKey) {
        Caller caller = callers.resolve(identity);
        return respond(idempotent.execute(caller.requireTenant(), idempotencyKey,
                IdempotencyKeys.fingerprint("createSnapshot", workloadId, request), WorkloadsResource::render,
                recorder -> snapshots.create(caller, workloadId, request.getName(), recorder)));
    }

    @Override
    public Response listSnapshots(UUID workloadId) {
        List<Snapshot> list = snapshots.list(tenant(), workloadId);
        return Response.ok(new SnapshotList().items(list.stream().map(s -> new dev.berth.api.model.Snapshot()
                .name(s.name()).status(dev.berth.api.model.Snapshot.StatusEnum.fromValue(s.status().name()))
                .detail(s.detail()).createdAt(s.createdAt())).toList())).build();
    }

    @Override
    public Response deleteSnapshot(UUID workloadId, String snapshotName, String idempotencyKey) {
        Caller caller = callers.resolve(identity);
        return respond(idempotent.execute(caller.requireTenant(), idempotencyKey,
                IdempotencyKeys.fingerprint("deleteSnapshot", workloadId + "/" + snapshotName, null), WorkloadsResource::render,
                recorder -> snapshots.delete(caller, workloadId, snapshotName, recorder)));
    }

    @Override
    public Response restoreSnapshot(UUID workloadId, String snapshotName, String idempotencyKey, SnapshotRestore request) {
        Caller caller = callers.resolve(identity);
        String asNew = request == null ? null : request.getAsNewWorkload();
        return respond(idempotent.execute(caller.requireTenant(), idempotencyKey,
                IdempotencyKeys.fingerprint("restoreSnapshot", workloadId + "/" + snapshotName, request), WorkloadsResource::render,
                recorder -> asNew == null ? snapshots.restoreInPlace(caller, workloadId, snapshotName, recorder)
                        : snapshots.restoreAsNew(caller, workloadId, snapshotName, asNew, recorder)));
    }

    @Override
    public Response createWorkload(WorkloadCreate request, String idempotencyKey) {
        Caller caller = callers.resolve(identity);
        WorkloadDraft draft = WorkloadMapper.draft(request);
        return respond(idempotent.execute(caller.requireTenant(), idempotencyKey,
                IdempotencyKeys.fingerprint("createWorkload", "", request), WorkloadsResource::render,
                recorder -> service.create(caller, draft, recorder)));
    }

    @Override
    public Response deleteWorkload(UUID workloadId, String idempotencyKey) {
        return act(workloadId, OperationType.DELETE, idempotencyKey);
    }

    @Override
    public Response startWorkload(UUID workloadId, String idempotencyKey) {
        return act(workloadId, OperationType.START, idempotencyKey);
    }

    @Override
    public Response stopWorkload(UUID workloadId, String idempotencyKey) {
        return act(workloadId, OperationType.STOP, idempotencyKey);
    }

    @Override
    public Response restartWorkload(UUID workloadId, String idempotencyKey) {
        return act(workloadId, OperationType.RESTART, idempotencyKey);
    }

    private Response act(UUID workloadId, OperationType type, String idempotencyKey) {
        Caller caller = callers.resolve(identity);
        return respond(idempotent.execute(caller.requireTenant(), idempotencyKey,
                IdempotencyKeys.fingerprint(type.name(), workloadId, null), WorkloadsResource::render,
                recorder -> service.act(caller, workloadId, type, recorder)));
    }

    @Override
    public Response getWorkload(UUID workloadId) {
        return Response.ok(WorkloadMapper.toApi(service.get(tenant(), workloadId))).build();
    }

    @Override
    public Response listWorkloads(dev.berth.api.model.WorkloadStatus status, String label, Integer pageSize, String pageToken) {
        int size = PageToken.pageSize(pageSize);
        List<Workload> page = service.page(tenant(),
                Optional.ofNullable(status).map(s -> WorkloadStatus.valueOf(s.toString())),
                Optional.ofNullable(label).map(WorkloadsResource::labelFilter), PageToken.decode(pageToken), size + 1);
        WorkloadPage body = new WorkloadPage().items(page.stream().limit(size).map(WorkloadMapper::toApi).toList());
        if (page.size() > size) {
            Workload last = page.get(size - 1);
            body.nextPageToken(new PageToken(last.createdAt(), last.id()).encode());
        }
        return Response.ok(body).build();
    }

    @Override
    public Response listWorkloadEvents(UUID workloadId, Integer pageSize, String pageToken, Boolean watch, String resumeAfter,
                                       String lastEventID) {
        // watch=true never lands here: events.watch.WatchRouting sends it to the stream.
        int size = PageToken.pageSize(pageSize);
        long after = EventPageToken.cursor(pageToken, "pageToken");
        List<Event> events = service.events(tenant(), workloadId, after, size + 1);
        EventPage body = new EventPage().items(events.stream().limit(size).map(WorkloadMapper::toApi).toList());
        if (events.size() > size) {
            body.nextPageToken(EventPageToken.after(events.get(size - 1).id()));
        }
        return Response.ok(body).build();
    }

    private String tenant() {
        return callers.resolve(identity).requireTenant();
    }

    private static Map.Entry<String, String> labelFilter(String label) {
        int eq = label.indexOf('=');
        if (eq <= 0) {
            throw new InvalidRequest("label", "expected key=value");
        }
        return Map.entry(label.substring(0, eq), label.substring(eq + 1));
    }

    static StoredResponse render(Accepted accepted) {
        return new StoredResponse(202, IdempotencyKeys.toJson(WorkloadMapper.toApi(accepted)),
                "/v1/operations/" + accepted.operation().id());
    }

    static Response respond(IdempotentRequests.Outcome outcome) {
        StoredResponse r = outcome.response();
        Response.ResponseBuilder builder = Response.status(r.status()).entity(r.body()).type(MediaType.APPLICATION_JSON_TYPE);
        if (r.location() != null) {
            builder.location(URI.create(r.location()));
        }
        if (outcome.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.build();
    }
}
