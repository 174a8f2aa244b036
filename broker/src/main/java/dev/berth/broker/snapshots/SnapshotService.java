package dev.berth.broker.snapshots;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.hosts.HostDrivers;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.idempotency.Recorder;
import dev.berth.broker.images.ImageReference;
import dev.berth.broker.operations.Operation;
import dev.berth.broker.operations.OperationRepository;
import dev.berth.broker.operations.OperationType;
import dev.berth.broker.operations.OperationWorker;
import dev.berth.broker.quota.QuotaLedger;
import dev.berth.broker.security.Caller;
import dev.berth.broker.tenants.TenantGate;
import dev.berth.broker.workloads.Accepted;
import dev.berth.broker.workloads.KindRequest;
import dev.berth.broker.workloads.Workload;
import dev.berth.broker.workloads.WorkloadDraft;
import dev.berth.broker.workloads.WorkloadProblems;
import dev.berth.broker.workloads.WorkloadRepository;
import dev.berth.broker.workloads.WorkloadService;
import dev.berth.broker.workloads.WorkloadStatus;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.SnapshotCapable;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Snapshots, backup and restore: taking, listing, deleting and restoring snapshots, in
 * place or as a new workload admitted like any other (quota, placement). Mutations are
 * operations like every other workload change, so they queue behind it and any replica
 * can carry them out.
 */
@ApplicationScoped
public class SnapshotService {

    private final Database db;
    private final WorkloadRepository workloads;
    private final SnapshotRepository snapshots;
    private final OperationRepository operations;
    private final HostRepository hosts;
    private final HostDrivers drivers;
    private final QuotaLedger quota;
    private final EventLog events;
    private final OperationWorker worker;
    private final WorkloadService workloadService;
    private final TenantGate gate;

    SnapshotService(Database db, WorkloadRepository workloads, SnapshotRepository snapshots, OperationRepository operations,
                    HostRepository hosts, HostDrivers drivers, QuotaLedger quota, EventLog events, OperationWorker worker,
                    WorkloadService workloadService, TenantGate gate) {
        this.db = db;
        this.workloads = workloads;
        this.snapshots = snapshots;
        this.operations = operations;
        this.hosts = hosts;
        this.drivers = drivers;
        this.quota = quota;
        this.events = events;
        this.worker = worker;
        this.workloadService = workloadService;
        this.gate = gate;
    }

    public Accepted create(Caller caller, UUID workloadId, String name, Recorder<Accepted> recorder) {
        String tenant = caller.requireTenant();
        gate.requireActive(tenant);
        Workload peek = workloadService.get(tenant, workloadId);
        requireSnapshotCapable(peek);
        return queue(db.transaction(c -> {
            Workload w = lockOwned(c, tenant, workloadId);
            if (w.status() != WorkloadStatus.RUNNING && w.status() != WorkloadStatus.STOPPED) {
                throw new WorkloadProblems.InvalidState("snapshot", w.status());
            }
            if (snapshots.findLive(c, workloadId, name, false).isPresent()) {
                throw new SnapshotProblems.NameTaken(name);
            }
            quota.reserveSnapshot(c, tenant);
            snapshots.insert(c, new Snapshot(UUID.randomUUID(), tenant, workloadId, name, Snapshot.Status.CREATING, null, true, null));
            return accept(c, caller, w, OperationType.SNAPSHOT, name, recorder);
        }));
    }

    public List<Snapshot> list(String tenant, UUID workloadId) {
        return db.autoCommit(c -> {
            workloads.find(c, tenant, workloadId, false).orElseThrow(() -> new WorkloadProblems.NotFound(workloadId));
            return snapshots.live(c, workloadId);
        });
    }

    public Accepted delete(Caller caller, UUID workloadId, String name, Recorder<Accepted> recorder) {
        String tenant = caller.requireTenant();
        return queue(db.transaction(c -> {
            Workload w = lockOwned(c, tenant, workloadId);
            Snapshot s = snapshots.findLive(c, workloadId, name, true).orElseThrow(() -> new SnapshotProblems.NotFound(name));
            if (s.status() == Snapshot.Status.DELETING) {
                throw new SnapshotProblems.NotRestorable("Snapshot '" + name + "' is already being deleted.");
            }
            snapshots.setStatus(c, s.id(), Snapshot.Status.DELETING, null);
            return accept(c, caller, w, OperationType.SNAPSHOT_DELETE, name, recorder);
        }));
    }

    /** Returns the workload itself to the snapshot. */
    public Accepted restoreInPlace(Caller caller, UUID workloadId, String name, Recorder<Accepted> recorder) {
        String tenant = caller.requireTenant();
        gate.requireActive(tenant);
        return queue(db.transaction(c -> {
            Workload w = lockOwned(c, tenant, workloadId);
            if (w.status() != WorkloadStatus.RUNNING && w.status() != WorkloadStatus.STOPPED) {
                throw new WorkloadProblems.InvalidState("restore", w.status());
            }
            requireAvailable(c, workloadId, name);
            return accept(c, caller, w, OperationType.RESTORE, name, recorder);
        }));
    }

    /**
     * Creates a new workload from the snapshot — also of a deleted workload — through the
     * normal admission path: same spec as the source, a new name, and as image the typed
     * reference {@code snapshot:<workloadId>/<name>}, which admission resolves like any tenant's
     * (the tenant's own snapshot records, the artefact named by the driver that keeps it).
     */
    public Accepted restoreAsNew(Caller caller, UUID workloadId, String name, String newName, Recorder<Accepted> recorder) {
        String tenant = caller.requireTenant();
        gate.requireActive(tenant);
        Workload source = workloadService.get(tenant, workloadId);
        db.autoCommit(c -> requireAvailable(c, workloadId, name));
        WorkloadDraft draft = new WorkloadDraft(newName, KindRequest.valueOf(source.kind().name()),
                ImageReference.SNAPSHOT_PREFIX + workloadId + "/" + name,
                source.command(), source.env(), source.labels(), source.restartPolicy(), source.resources(),
                source.placement(), source.isolation(), false, source.vm(), source.imagePull().policy());
        return workloadService.create(caller, draft, recorder);
    }

    private Snapshot requireAvailable(Connection c, UUID workloadId, String name) throws SQLException {
        Snapshot s = snapshots.findLive(c, workloadId, name, false).orElseThrow(() -> new SnapshotProblems.NotFound(name));
        if (s.status() != Snapshot.Status.AVAILABLE) {
            throw new SnapshotProblems.NotRestorable("Snapshot '" + name + "' is " + s.status() + ", not AVAILABLE.");
        }
        return s;
    }

    private Workload lockOwned(Connection c, String tenant, UUID workloadId) throws SQLException {
        return workloads.find(c, tenant, workloadId, true).orElseThrow(() -> new WorkloadProblems.NotFound(workloadId));
    }

    private void requireSnapshotCapable(Workload w) {
        Optional<Host> host = Optional.ofNullable(w.hostId()).flatMap(id -> db.autoCommit(c -> hosts.find(c, id)));
        ProviderDriver driver = host.map(drivers::forHost).orElse(null);
        if (!(driver instanceof SnapshotCapable)) {
            throw new SnapshotProblems.Unsupported(host.map(Host::driver).orElse("none"));
        }
    }

    private Accepted accept(Connection c, Caller caller, Workload w, OperationType type, String name,
                            Recorder<Accepted> recorder) throws SQLException {
        Operation op = Operation.pending(w.id(), w.tenant(), type, name);
        operations.insert(c, op);
        events.append(c, w.tenant(), w.id(), op.id(), caller.username(), "operation.accepted", type.name() + " " + name,
                Map.of("type", type.name(), "snapshot", name));
        Accepted result = new Accepted(workloads.find(c, w.tenant(), w.id(), false).orElseThrow(),
                operations.find(c, w.tenant(), op.id()).orElseThrow());
        recorder.record(c, result);
        return result;
    }

    private Accepted queue(Accepted accepted) {
        worker.wake();
        return accepted;
    }
}
