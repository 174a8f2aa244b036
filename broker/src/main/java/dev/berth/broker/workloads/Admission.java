package dev.berth.broker.workloads;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.idempotency.Recorder;
import dev.berth.broker.operations.Operation;
import dev.berth.broker.operations.OperationRepository;
import dev.berth.broker.operations.OperationType;
import dev.berth.broker.placement.HostSnapshot;
import dev.berth.broker.placement.NoFit;
import dev.berth.broker.placement.PlacementDecision;
import dev.berth.broker.placement.PlacementPipeline;
import dev.berth.broker.placement.PlacementRequest;
import dev.berth.broker.quota.QuotaLedger;
import dev.berth.broker.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The create path's decision and commit: place on a snapshot (no lock held while
 * deciding), then one transaction that reserves quota and host capacity with conditional
 * updates and inserts workload, operation, events and the idempotent response. A host
 * reservation lost to a concurrent broker rolls everything back and places again on a
 * fresh snapshot, a bounded number of times — never over-admitting, never failing while
 * room exists elsewhere.
 */
@ApplicationScoped
public class Admission {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final HostRepository hosts;
    private final QuotaLedger quota;
    private final WorkloadRepository workloads;
    private final OperationRepository operations;
    private final EventLog events;
    private final PlacementPipeline placement = new PlacementPipeline();
    private final int maxPlacementAttempts;

    Admission(Database db, HostRepository hosts, QuotaLedger quota, WorkloadRepository workloads,
              OperationRepository operations, EventLog events,
              @ConfigProperty(name = "berth.placement.max-attempts", defaultValue = "8") int maxPlacementAttempts) {
        this.db = db;
        this.hosts = hosts;
        this.quota = quota;
        this.workloads = workloads;
        this.operations = operations;
        this.events = events;
        this.maxPlacementAttempts = maxPlacementAttempts;
    }

    /** Thrown inside the transaction to roll it back when the chosen host filled up meanwhile. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    public Accepted admit(Caller caller, WorkloadDraft draft, Recorder<Accepted> recorder) {
        UUID workloadId = UUID.randomUUID();
        for (int attempt = 1; ; attempt++) {
            PlacementDecision decision = decide(caller.requireTenant(), workloadId, draft);
            int thisAttempt = attempt;
            try {
                return db.transaction(c -> commit(c, caller, workloadId, draft, decision, thisAttempt, recorder));
            } catch (LostRace lost) {
                if (attempt >= maxPlacementAttempts) {
                    throw new NoFit(decision.explanation());
                }
            } catch (Database.DatabaseException e) {
                if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                    throw new WorkloadProblems.NameTaken(draft.name());
                }
                throw e;
            }
        }
    }

    /** Places the draft on a fresh snapshot of the fleet; no lock, no side effect. */
    public PlacementDecision decide(String tenant, UUID workloadId, WorkloadDraft draft) {
        List<HostSnapshot> fleet = db.autoCommit(hosts::snapshots);
        return placement.place(placementRequest(tenant, workloadId, draft), fleet);
    }

    static PlacementRequest placementRequest(String tenant, UUID workloadId, WorkloadDraft draft) {
        return new PlacementRequest(workloadId, tenant, draft.kind(), draft.resources(), Set.of());
    }

    private Accepted commit(Connection c, Caller caller, UUID workloadId, WorkloadDraft draft,
                            PlacementDecision decision, int attempt, Recorder<Accepted> recorder) throws SQLException {
        String tenant = caller.requireTenant();
        // Quota first: "over quota" is the answer the tenant can act on, whatever the fleet looks like.
        quota.reserve(c, tenant, draft.resources());
        HostSnapshot host = decision.host().orElseThrow(() -> new NoFit(decision.explanation()));
        if (!hosts.reserve(c, host.id(), draft.resources())) {
            throw new LostRace();
        }
        Workload workload = new Workload(workloadId, tenant, draft.name(), draft.kind(), draft.image(), draft.command(),
                draft.env(), draft.labels(), draft.restartPolicy(), draft.resources(), draft.placement(), WorkloadStatus.SCHEDULED,
                "placed on " + host.name(), host.id(), null, true, null, null);
        workloads.insert(c, workload);
        Operation op = Operation.pending(workloadId, tenant, OperationType.CREATE);
        operations.insert(c, op);
        String actor = caller.username();
        events.append(c, tenant, workloadId, op.id(), actor, "workload.admitted", "quota reserved",
                Map.of("milliCpu", draft.resources().milliCpu(), "memoryMiB", draft.resources().memoryMiB(),
                        "diskGiB", draft.resources().diskGiB()));
        events.append(c, tenant, workloadId, op.id(), actor, "placement.decided",
                "placed on " + host.name() + " (" + decision.explanation().summary() + ", attempt " + attempt + ")",
                decision.explanation().asData());
        events.append(c, tenant, workloadId, op.id(), actor, "workload.status_changed", "SCHEDULED",
                Map.of("status", "SCHEDULED"));
        Accepted accepted = new Accepted(
                workloads.find(c, tenant, workloadId, false).orElseThrow(),
                operations.find(c, tenant, op.id()).orElseThrow());
        recorder.record(c, accepted);
        return accepted;
    }
}
