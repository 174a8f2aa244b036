package dev.berth.broker.reconcile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.api.model.ReconcileFindingKind;
import dev.berth.api.model.ReconcileStatus;

/** The reconciler's records as the REST models (the gRPC adapter maps from these). */
final class ReconcileMapper {

    private ReconcileMapper() {
    }

    static dev.berth.api.model.ReconcilePass toApi(PassReport p) {
        Map<String, Integer> findings = new LinkedHashMap<>();
        p.findings().forEach((kind, count) -> findings.put(kind.name(), count));
        return new dev.berth.api.model.ReconcilePass().hostId(p.hostId()).hostName(p.hostName()).replica(p.replica())
                .trigger(dev.berth.api.model.ReconcilePass.TriggerEnum.fromValue(p.trigger().name()))
                .startedAt(p.startedAt()).durationMillis(p.duration().toMillis()).observed(p.observed())
                .findings(findings).error(p.error());
    }

    static ReconcileStatus toApi(List<HostReconcileState> hosts, List<Finding> findings) {
        return new ReconcileStatus()
                .hosts(hosts.stream().map(h -> new dev.berth.api.model.ReconcileHost().hostId(h.hostId())
                        .hostName(h.hostName()).owner(h.owner().orElse(null)).ownedUntil(h.ownedUntil().orElse(null))
                        .lastPass(h.lastPass().map(ReconcileMapper::toApi).orElse(null))).toList())
                .findings(findings.stream().map(f -> new dev.berth.api.model.ReconcileFinding().hostId(f.hostId())
                        .workloadId(f.workloadId()).kind(ReconcileFindingKind.fromValue(f.kind().name()))
                        .tenant(f.tenant()).handle(f.handle()).detail(f.detail()).firstSeenAt(f.firstSeenAt())
                        .lastSeenAt(f.lastSeenAt())).toList());
    }
}
