package dev.berth.broker.workloads;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.api.model.WorkloadCreate;
import dev.berth.broker.events.EventPageToken;
import dev.berth.broker.db.Json;
import dev.berth.broker.db.PageToken;
import dev.berth.broker.events.Event;
import dev.berth.broker.idempotency.IdempotencyKeys;
import dev.berth.broker.idempotency.IdempotentRequests;
import dev.berth.broker.idempotency.StoredResponse;
import dev.berth.broker.operations.OperationType;
import dev.berth.broker.problems.GrpcMetadata;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.quota.QuotaService;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.snapshots.SnapshotService;
import dev.berth.grpc.v1.CreateSnapshotRequest;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.ListSnapshotsResponse;
import dev.berth.grpc.v1.RestoreSnapshotRequest;
import dev.berth.grpc.v1.SimulatePlacementRequest;
import dev.berth.grpc.v1.SimulatePlacementResponse;
import dev.berth.grpc.v1.SnapshotRequest;
import dev.berth.grpc.v1.GetOperationRequest;
import dev.berth.grpc.v1.GetQuotaRequest;
import dev.berth.grpc.v1.GetWorkloadRequest;
import dev.berth.grpc.v1.ListWorkloadEventsRequest;
import dev.berth.grpc.v1.ListWorkloadEventsResponse;
import dev.berth.grpc.v1.ListWorkloadsRequest;
import dev.berth.grpc.v1.ListWorkloadsResponse;
import dev.berth.grpc.v1.Quota;
import dev.berth.grpc.v1.WorkloadActionRequest;
import dev.berth.grpc.v1.WorkloadOperation;
import dev.berth.grpc.v1.Workloads;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/**
 * gRPC adapter for workloads, operations and quota: the same {@link WorkloadService} and
 * the same validation (the REST request model's constraints) as {@link WorkloadsResource}.
 */
@GrpcService
@Blocking
@RolesAllowed({TENANT_USER, TENANT_ADMIN})
public class WorkloadsGrpcService implements Workloads {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final WorkloadService service;
    private final QuotaService quotas;
    private final IdempotentRequests idempotent;
    private final Validator validator;
    private final SnapshotService snapshots;
    private final PlacementSimulator simulator;

    WorkloadsGrpcService(SecurityIdentity identity, CallerResolver callers, WorkloadService service, QuotaService quotas,
                         IdempotentRequests idempotent, Validator validator, SnapshotService snapshots,
                         PlacementSimulator simulator) {
        this.snapshots = snapshots;
        this.simulator = simulator;
        this.identity = identity;
        this.callers = callers;
        this.service = service;
        this.quotas = quotas;
        this.idempotent = idempotent;
        this.validator = validator;
    }

    @Override
    public Uni<WorkloadOperation> createWorkload(CreateWorkloadRequest request) {
        Caller caller = callers.resolve(identity);
        WorkloadCreate create = validated(request);
        WorkloadDraft draft = WorkloadMapper.draft(create);
        return Uni.createFrom().item(outcome(idempotent.execute(caller.requireTenant(), GrpcMetadata.idempotencyKey(),
                IdempotencyKeys.fingerprint("createWorkload", "", create), WorkloadsResource::render,
                recorder -> service.create(caller, draft, recorder))));
    }

    private WorkloadCreate validated(CreateWorkloadRequest request) {
        return ModelValidation.valid(validator, WorkloadProtos.toCreate(request));
    }

    @Override
    public Uni<WorkloadOperation> createSnapshot(CreateSnapshotRequest request) {
        Caller caller = callers.resolve(identity);
        UUID id = uuid("workload_id", request.getWorkloadId());
        String name = snapshotName(request.getName());
        return Uni.createFrom().item(outcome(idempotent.execute(caller.requireTenant(), GrpcMetadata.idempotencyKey(),
                IdempotencyKeys.fingerprint("createSnapshot", id, Map.of("name", name)), WorkloadsResource::render,
                recorder -> snapshots.create(caller, id, name, recorder))));
    }

    @Override
    public Uni<ListSnapshotsResponse> listSnapshots(WorkloadActionRequest request) {
        ListSnapshotsResponse.Builder out = ListSnapshotsResponse.newBuilder();
        snapshots.list(tenant(), uuid("workload_id", request.getWorkloadId())).forEach(s -> out.addItems(
                dev.berth.grpc.v1.Snapshot.newBuilder().setName(s.name()).setStatus(s.status().name())
                        .setDetail(WorkloadProtos.nullToEmpty(s.detail())).setCreatedAt(WorkloadProtos.timestamp(s.createdAt()))));
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<WorkloadOperation> deleteSnapshot(SnapshotRequest request) {
        Caller caller = callers.resolve(identity);
        UUID id = uuid("workload_id", request.getWorkloadId());
        String name = snapshotName(request.getName());
        return Uni.createFrom().item(outcome(idempotent.execute(caller.requireTenant(), GrpcMetadata.idempotencyKey(),
                IdempotencyKeys.fingerprint("deleteSnapshot", id + "/" + name, null), WorkloadsResource::render,
                recorder -> snapshots.delete(caller, id, name, recorder))));
    }

    @Override
    public Uni<WorkloadOperation> restoreSnapshot(RestoreSnapshotRequest request) {
        Caller caller = callers.resolve(identity);
        UUID id = uuid("workload_id", request.getWorkloadId());
        String name = snapshotName(request.getName());
        String asNew = request.getAsNewWorkload().isEmpty() ? null : request.getAsNewWorkload();
        if (asNew != null && !asNew.matches("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")) {
            throw new InvalidRequest("as_new_workload", "not a workload name");
        }
        return Uni.createFrom().item(outcome(idempotent.execute(caller.requireTenant(), GrpcMetadata.idempotencyKey(),
                IdempotencyKeys.fingerprint("restoreSnapshot", id + "/" + name,
                        new dev.berth.api.model.SnapshotRestore().asNewWorkload(asNew)), WorkloadsResource::render,
                recorder -> asNew == null ? snapshots.restoreInPlace(caller, id, name, recorder)
                        : snapshots.restoreAsNew(caller, id, name, asNew, recorder))));
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
    public Uni<SimulatePlacementResponse> simulatePlacement(SimulatePlacementRequest request) {
        Caller caller = callers.resolve(identity);
        String tenant = PlacementSimulator.tenantFor(caller, request.getTenant());
        PlacementSimulator.Simulation s = simulator.simulate(tenant, WorkloadMapper.draft(validated(request.getWorkload())));
        SimulatePlacementResponse.Builder out = SimulatePlacementResponse.newBuilder().setFits(s.fits())
                .setQuotaOk(s.quotaOk()).setQuotaDetail(WorkloadProtos.nullToEmpty(s.quotaDetail()))
                .setHostsConsidered(s.decision().explanation().hostsConsidered());
        s.decision().host().ifPresent(h -> out.setHostId(h.id().toString()).setHostName(h.name()));
        s.decision().explanation().rejections().forEach(r -> out.addRejections(dev.berth.grpc.v1.PlacementRejection.newBuilder()
                .setFilter(r.filter()).setReason(r.reason()).setHosts(r.hosts())
                .setDetail(WorkloadProtos.nullToEmpty(r.detail()))));
        s.decision().explanation().candidates().forEach(c -> out.addCandidates(dev.berth.grpc.v1.PlacementCandidate.newBuilder()
                .setHostId(c.hostId().toString()).setHostName(c.hostName()).setScore(c.score())));
        dev.berth.api.model.PlacementBurst burst = WorkloadMapper.burst(s.decision().explanation().burst());
        if (burst != null) {
            out.setBurst(WorkloadProtos.burst(burst));
        }
        out.setEstimatedMonthlyCostMicros(s.monthlyCostMicros());
        out.setPolicies(WorkloadProtos.policies(s.policies()));
        return Uni.createFrom().item(out.build());
    }

    private static String snapshotName(String name) {
        if (!name.matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")) {
            throw new InvalidRequest("name", "snapshot names are 1-64 characters of [A-Za-z0-9._-], starting alphanumeric");
        }
        return name;
    }

    @Override
    public Uni<WorkloadOperation> deleteWorkload(WorkloadActionRequest request) {
        return act(request, OperationType.DELETE);
    }

    @Override
    public Uni<WorkloadOperation> startWorkload(WorkloadActionRequest request) {
        return act(request, OperationType.START);
    }

    @Override
    public Uni<WorkloadOperation> stopWorkload(WorkloadActionRequest request) {
        return act(request, OperationType.STOP);
    }

    @Override
    public Uni<WorkloadOperation> restartWorkload(WorkloadActionRequest request) {
        return act(request, OperationType.RESTART);
    }

    private Uni<WorkloadOperation> act(WorkloadActionRequest request, OperationType type) {
        Caller caller = callers.resolve(identity);
        UUID id = uuid("workload_id", request.getWorkloadId());
        return Uni.createFrom().item(outcome(idempotent.execute(caller.requireTenant(), GrpcMetadata.idempotencyKey(),
                IdempotencyKeys.fingerprint(type.name(), id, null), WorkloadsResource::render,
                recorder -> service.act(caller, id, type, recorder))));
    }

    @Override
    public Uni<dev.berth.grpc.v1.Workload> getWorkload(GetWorkloadRequest request) {
        return Uni.createFrom().item(WorkloadProtos.toProto(WorkloadMapper.toApi(service.get(tenant(), uuid("workload_id", request.getWorkloadId())))));
    }

    @Override
    public Uni<ListWorkloadsResponse> listWorkloads(ListWorkloadsRequest request) {
        int size = pageSize(request.getPageSize());
        Optional<WorkloadStatus> status = request.getStatus().isEmpty() ? Optional.empty() : Optional.of(status(request.getStatus()));
        Optional<Map.Entry<String, String>> label = request.getLabel().isEmpty() ? Optional.empty()
                : Optional.of(label(request.getLabel()));
        List<Workload> page = service.page(tenant(), status, label, PageToken.decode(request.getPageToken()), size + 1);
        ListWorkloadsResponse.Builder out = ListWorkloadsResponse.newBuilder();
        page.stream().limit(size).forEach(w -> out.addItems(WorkloadProtos.toProto(WorkloadMapper.toApi(w))));
        if (page.size() > size) {
            Workload last = page.get(size - 1);
            out.setNextPageToken(new PageToken(last.createdAt(), last.id()).encode());
        }
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<ListWorkloadEventsResponse> listWorkloadEvents(ListWorkloadEventsRequest request) {
        int size = pageSize(request.getPageSize());
        long after = EventPageToken.cursor(request.getPageToken(), "page_token");
        List<Event> events = service.events(tenant(), uuid("workload_id", request.getWorkloadId()), after, size + 1);
        ListWorkloadEventsResponse.Builder out = ListWorkloadEventsResponse.newBuilder();
        events.stream().limit(size).forEach(e -> out.addItems(dev.berth.grpc.v1.Event.newBuilder()
                .setId(e.id()).setType(e.type()).setMessage(WorkloadProtos.nullToEmpty(e.message())).setActor(e.actor())
                .setOperationId(e.operationId() == null ? "" : e.operationId().toString())
                .setDataJson(Json.write(e.data())).setCreatedAt(WorkloadProtos.timestamp(e.createdAt()))));
        if (events.size() > size) {
            out.setNextPageToken(EventPageToken.after(events.get(size - 1).id()));
        }
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<dev.berth.grpc.v1.Operation> getOperation(GetOperationRequest request) {
        return Uni.createFrom().item(WorkloadProtos.toProto(WorkloadMapper.toApi(
                service.operation(tenant(), uuid("operation_id", request.getOperationId())))));
    }

    @Override
    public Uni<Quota> getQuota(GetQuotaRequest request) {
        return Uni.createFrom().item(dev.berth.broker.quota.QuotaProtos.toProto(quotas.get(tenant())));
    }

    private String tenant() {
        return callers.resolve(identity).requireTenant();
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field, "not a UUID");
        }
    }

    private static WorkloadStatus status(String value) {
        try {
            return WorkloadStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("status", "unknown status");
        }
    }

    private static Map.Entry<String, String> label(String label) {
        int eq = label.indexOf('=');
        if (eq <= 0) {
            throw new InvalidRequest("label", "expected key=value");
        }
        return Map.entry(label.substring(0, eq), label.substring(eq + 1));
    }

    private static int pageSize(int requested) {
        if (requested < 0 || requested > 200) {
            throw new InvalidRequest("page_size", "must be between 1 and 200");
        }
        return requested == 0 ? 50 : requested;
    }

    private static WorkloadOperation outcome(IdempotentRequests.Outcome outcome) {
        StoredResponse r = outcome.response();
        dev.berth.api.model.WorkloadOperation body = Json.read(r.body(), dev.berth.api.model.WorkloadOperation.class);
        return WorkloadOperation.newBuilder().setWorkload(WorkloadProtos.toProto(body.getWorkload()))
                .setOperation(WorkloadProtos.toProto(body.getOperation())).build();
    }
}
