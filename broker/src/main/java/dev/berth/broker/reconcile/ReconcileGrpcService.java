package dev.berth.broker.reconcile;

import java.util.UUID;

import dev.berth.api.model.ReconcileStatus;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.grpc.v1.GetReconcileStatusRequest;
import dev.berth.grpc.v1.HostRequest;
import dev.berth.grpc.v1.Reconciliation;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.workloads.WorkloadProtos.timestamp;

/** gRPC adapter of the reconciler ({@code berth.v1.Reconciliation}): the same service as the REST routes. */
@GrpcService
@Blocking
@RolesAllowed(PLATFORM_ADMIN)
public class ReconcileGrpcService implements Reconciliation {

    private final Reconciler reconciler;

    ReconcileGrpcService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public Uni<dev.berth.grpc.v1.ReconcilePass> reconcileHost(HostRequest r) {
        UUID hostId;
        try {
            hostId = UUID.fromString(r.getHostId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("host_id", "not a UUID");
        }
        return Uni.createFrom().item(toProto(ReconcileMapper.toApi(reconciler.runNow(hostId))));
    }

    @Override
    public Uni<dev.berth.grpc.v1.ReconcileStatus> getReconcileStatus(GetReconcileStatusRequest r) {
        ReconcileStatus status = ReconcileMapper.toApi(reconciler.states(), reconciler.openFindings());
        dev.berth.grpc.v1.ReconcileStatus.Builder b = dev.berth.grpc.v1.ReconcileStatus.newBuilder();
        for (var h : status.getHosts()) {
            var host = dev.berth.grpc.v1.ReconcileHost.newBuilder().setHostId(h.getHostId().toString())
                    .setHostName(h.getHostName()).setOwner(h.getOwner() == null ? "" : h.getOwner());
            if (h.getOwnedUntil() != null) {
                host.setOwnedUntil(timestamp(h.getOwnedUntil()));
            }
            if (h.getLastPass() != null) {
                host.setLastPass(toProto(h.getLastPass()));
            }
            b.addHosts(host);
        }
        for (var f : status.getFindings()) {
            b.addFindings(dev.berth.grpc.v1.ReconcileFinding.newBuilder().setHostId(f.getHostId().toString())
                    .setWorkloadId(f.getWorkloadId().toString()).setKind(f.getKind().toString())
                    .setTenant(orEmpty(f.getTenant())).setHandle(orEmpty(f.getHandle())).setDetail(orEmpty(f.getDetail()))
                    .setFirstSeenAt(timestamp(f.getFirstSeenAt())).setLastSeenAt(timestamp(f.getLastSeenAt())));
        }
        return Uni.createFrom().item(b.build());
    }

    private static dev.berth.grpc.v1.ReconcilePass toProto(dev.berth.api.model.ReconcilePass p) {
        return dev.berth.grpc.v1.ReconcilePass.newBuilder().setHostId(p.getHostId().toString())
                .setHostName(p.getHostName()).setReplica(p.getReplica()).setTrigger(p.getTrigger().toString())
                .setStartedAt(timestamp(p.getStartedAt())).setDurationMillis(p.getDurationMillis())
                .setObserved(p.getObserved()).putAllFindings(p.getFindings()).setError(orEmpty(p.getError())).build();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
