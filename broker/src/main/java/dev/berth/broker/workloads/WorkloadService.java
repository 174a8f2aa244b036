package dev.berth.broker.workloads;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.db.PageToken;
import dev.berth.broker.events.Event;
import dev.berth.broker.events.EventLog;
import dev.berth.broker.idempotency.Recorder;
import dev.berth.broker.operations.Operation;
import dev.berth.broker.operations.OperationProblems;
import dev.berth.broker.operations.OperationRepository;
import dev.berth.broker.operations.OperationType;
import dev.berth.broker.operations.OperationWorker;
import dev.berth.broker.security.Caller;
import dev.berth.broker.tenants.TenantGate;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tenant self-service on workloads: the application service behind both the REST and the
 * gRPC adapters. Every read and write is scoped to the caller's tenant.
 */
@ApplicationScoped
public class WorkloadService {

    private final Database db;
    private final Admission admission;
    private final WorkloadRepository workloads;
    private final OperationRepository operations;
    private final EventLog events;
    private final OperationWorker worker;
    private final TenantGate gate;

    WorkloadService(Database db, Admission admission, WorkloadRepository workloads, OperationRepository operations,
                    EventLog events, OperationWorker worker, TenantGate gate) {
        this.db = db;
        this.admission = admission;
        this.workloads = workloads;
        this.operations = operations;
        this.events = events;
        this.worker = worker;
        this.gate = gate;
    }

    public Accepted create(Caller caller, WorkloadDraft draft, Recorder<Accepted> recorder) {
        gate.requireActive(caller.requireTenant());
        Accepted accepted = admission.admit(caller, draft, recorder);
        worker.wake();
        return accepted;
    }

    /** Queues start/stop/restart/delete behind any unfinished operation of the workload. */
    public Accepted act(Caller caller, UUID workloadId, OperationType type, Recorder<Accepted> recorder) {
        String tenant = caller.requireTenant();
        if (type != OperationType.DELETE) {
            // Deletions stay allowed for suspended tenants: they let a tenant shed cost.
            gate.requireActive(tenant);
        }
        Accepted accepted = db.transaction(c -> {
            Workload w = workloads.find(c, tenant, workloadId, true).orElseThrow(() -> new WorkloadProblems.NotFound(workloadId));
            check(c, w, type);
            Operation op = Operation.pending(workloadId, tenant, type);
            operations.insert(c, op);
            if (type == OperationType.STOP) {
                workloads.setDesired(c, workloadId, Restarts.DesiredState.STOPPED);
            } else if (type == OperationType.START || type == OperationType.RESTART) {
                workloads.setDesired(c, workloadId, Restarts.DesiredState.RUNNING);
            }
            if (type == OperationType.DELETE) {
                workloads.setStatus(c, workloadId, WorkloadStatus.DELETING, "deletion requested by " + caller.username());
                events.append(c, tenant, workloadId, op.id(), caller.username(), "workload.status_changed", "DELETING",
                        Map.of("status", "DELETING"));
            }
            events.append(c, tenant, workloadId, op.id(), caller.username(), "operation.accepted", type.name(),
                    Map.of("type", type.name()));
            Accepted result = new Accepted(workloads.find(c, tenant, workloadId, false).orElseThrow(),
                    operations.find(c, tenant, op.id()).orElseThrow());
            recorder.record(c, result);
            return result;
        });
        worker.wake();
        return accepted;
    }

    private void check(Connection c, Workload w, OperationType type) throws SQLException {
        if (type == OperationType.DELETE) {
            boolean retryOfFailedDelete = w.status() == WorkloadStatus.DELETING && !operations.hasUnfinished(c, w.id());
            if (!WorkloadStatus.DELETABLE.contains(w.status()) && !retryOfFailedDelete) {
                throw new WorkloadProblems.InvalidState("delete", w.status());
            }
        } else if (!WorkloadStatus.OPERABLE.contains(w.status())) {
            throw new WorkloadProblems.InvalidState(type.name().toLowerCase(), w.status());
        }
    }

    public Workload get(String tenant, UUID id) {
        return db.autoCommit(c -> workloads.find(c, tenant, id, false)).orElseThrow(() -> new WorkloadProblems.NotFound(id));
    }

    public List<Workload> page(String tenant, Optional<WorkloadStatus> status, Optional<Map.Entry<String, String>> label,
                               Optional<PageToken> after, int limit) {
        return db.autoCommit(c -> workloads.page(c, tenant, status, label, after, limit));
    }

    public List<Event> events(String tenant, UUID workloadId, long afterId, int limit) {
        return db.autoCommit(c -> {
            workloads.find(c, tenant, workloadId, false).orElseThrow(() -> new WorkloadProblems.NotFound(workloadId));
            return events.forWorkload(c, workloadId, afterId, limit);
        });
    }

    public Operation operation(String tenant, UUID id) {
        return db.autoCommit(c -> operations.find(c, tenant, id)).orElseThrow(() -> new OperationProblems.NotFound(id));
    }
}
