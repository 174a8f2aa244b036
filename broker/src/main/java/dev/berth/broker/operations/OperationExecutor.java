package dev.berth.broker.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.api.model.Problem;
import dev.berth.broker.db.Database;
import dev.berth.broker.db.Json;
import dev.berth.broker.events.EventLog;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.hosts.HostDrivers;
import dev.berth.broker.hosts.Installation;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.problems.ProblemCode;
import dev.berth.broker.problems.PublicText;
import dev.berth.broker.problems.ProblemResponses;
import dev.berth.broker.quota.QuotaLedger;
import dev.berth.broker.usage.UsageIntervals;
import dev.berth.broker.workloads.Workload;
import dev.berth.broker.workloads.WorkloadRepository;
import dev.berth.broker.workloads.WorkloadStatus;
import dev.berth.broker.snapshots.Snapshot;
import dev.berth.broker.snapshots.SnapshotRepository;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Carries out one leased operation: calls the provider outside any transaction, then
 * records the outcome in one transaction. Transient provider errors are retried with
 * backoff; anything else fails the operation with a problem document, and a failed create
 * removes whatever the provider made and releases quota and capacity in the same
 * transaction that marks the workload FAILED — no orphan, no leaked quota.
 */
@ApplicationScoped
public class OperationExecutor {

    private static final Logger LOG = Logger.getLogger(OperationExecutor.class);

    private final Database db;
    private final OperationRepository operations;
    private final WorkloadRepository workloads;
    private final HostRepository hosts;
    private final HostDrivers drivers;
    private final QuotaLedger quota;
    private final EventLog events;
    private final SnapshotRepository snapshotRows;
    private final UsageIntervals usage;
    private final int maxAttempts;
    private final Duration stopGrace;
    private final Installation installation;
    private final Duration createSettleTimeout;

    OperationExecutor(Database db, OperationRepository operations, WorkloadRepository workloads, HostRepository hosts,
                      HostDrivers drivers, QuotaLedger quota, EventLog events, SnapshotRepository snapshotRows,
                      UsageIntervals usage, Installation installation, WorkerSettings settings) {
        this.db = db;
        this.operations = operations;
        this.workloads = workloads;
        this.hosts = hosts;
        this.drivers = drivers;
        this.quota = quota;
        this.events = events;
        this.snapshotRows = snapshotRows;
        this.usage = usage;
        this.maxAttempts = settings.maxAttempts();
        this.stopGrace = settings.stopGrace();
        this.installation = installation;
        this.createSettleTimeout = settings.createSettleTimeout();
    }

    /** Thrown inside a transaction when this worker's lease was taken over; rolls the outcome back. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    public void execute(Operation op) {
        // A plain read: no row lock is held across the driver call. The outcome transactions
        // re-check what matters (the claim token, the DELETING guard, holds_resources under lock).
        Workload w = read(op);
        try {
            if (!applicable(op, w)) {
                fail(op, w, ProblemCode.WORKLOAD_INVALID_STATE,
                        "The workload is " + w.status() + "; " + op.type() + " no longer applies.", false);
                return;
            }
            switch (op.type()) {
                case CREATE -> create(op, w);
                case START -> transition(op, w, WorkloadStatus.RUNNING, d -> d.start(w.id()));
                case STOP -> transition(op, w, WorkloadStatus.STOPPED, d -> d.stop(w.id(), stopGrace));
                case RESTART -> transition(op, w, WorkloadStatus.RUNNING, d -> d.restart(w.id(), stopGrace));
                case DELETE -> delete(op, w);
                case SNAPSHOT -> snapshot(op, w);
                case SNAPSHOT_DELETE -> deleteSnapshot(op, w);
                case RESTORE -> restore(op, w);
            }
        } catch (ProviderException.Transient e) {
            if (op.attempts() < maxAttempts) {
                retry(op, w, e);
            } else {
                fail(op, w, ProblemCode.PROVIDER_UNAVAILABLE,
                        "Host unavailable after " + op.attempts() + " attempts: " + publicReason(op, e), op.type() == OperationType.CREATE);
            }
        } catch (ProviderException.NotFound e) {
            if (op.type() == OperationType.DELETE) {
                finishDeleted(op, w);
            } else if (op.type() == OperationType.SNAPSHOT_DELETE) {
                finishSnapshotDeleted(op, w);
            } else if ((op.type() == OperationType.SNAPSHOT || op.type() == OperationType.RESTORE) && stillThere(w)) {
                fail(op, w, ProblemCode.SNAPSHOT_NOT_FOUND, publicReason(op, e), false);
            } else {
                lost(op, w, e);
            }
        } catch (ProviderException.ImagePullFailed e) {
            fail(op, w, PullFailures.code(e.failure()), publicReason(op, e), op.type() == OperationType.CREATE);
        } catch (ProviderException.Permanent e) {
            fail(op, w, ProblemCode.PROVIDER_FAILED, publicReason(op, e), op.type() == OperationType.CREATE);
        } catch (LeaseLost e) {
            LOG.infof("operation %s was taken over by another worker", op.id());
        } catch (RuntimeException e) {
            LOG.errorf(e, "operation %s failed unexpectedly", op.id());
            // The exception's text is for the log above, never for the tenant.
            fail(op, w, ProblemCode.INTERNAL, "Unexpected error; the broker's log has the details under operation "
                    + op.id() + ".", op.type() == OperationType.CREATE);
        }
    }

    /**
     * Fails an operation whose attempts kept ending unexpectedly (claimed more than
     * {@code berth.worker.max-attempts} times): the operation fails without calling the driver
     * again, and a create fails its workload, removes what the provider made and releases quota.
     */
    public void giveUp(Operation op) {
        Workload w = read(op);
        fail(op, w, ProblemCode.INTERNAL, "Gave up after " + (op.attempts() - 1)
                + " attempts that ended unexpectedly (the broker crashed or was killed while running it).",
                op.type() == OperationType.CREATE);
    }

    private Workload read(Operation op) {
        return db.autoCommit(c -> workloads.find(c, op.tenant(), op.workloadId(), false)).orElseThrow();
    }

    private static boolean applicable(Operation op, Workload w) {
        return switch (op.type()) {
            // LOST: the reconciler re-provisions a workload whose provider object vanished (same id, same quota)
            case CREATE -> w.status() == WorkloadStatus.SCHEDULED || w.status() == WorkloadStatus.PROVISIONING
                    || w.status() == WorkloadStatus.LOST;
            case START, STOP, RESTART -> w.status() == WorkloadStatus.RUNNING || w.status() == WorkloadStatus.STOPPED
                    || w.status() == WorkloadStatus.CRASH_LOOP;
            case DELETE -> w.status() == WorkloadStatus.DELETING;
            case SNAPSHOT, RESTORE -> w.status() == WorkloadStatus.RUNNING || w.status() == WorkloadStatus.STOPPED
                    || w.status() == WorkloadStatus.CRASH_LOOP;
            case SNAPSHOT_DELETE -> true;
        };
    }

    private void create(Operation op, Workload w) {
        if (w.status() != WorkloadStatus.PROVISIONING) {
            inTx(c -> {
                workloads.setStatus(c, w.id(), WorkloadStatus.PROVISIONING, "provisioning on its host");
                events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "workload.status_changed", "PROVISIONING",
                        Map.of("status", "PROVISIONING", "attempt", op.attempts()));
            });
        }
        ProviderDriver driver = driver(w);
        ProgressRecorder progress = new ProgressRecorder(db, operations, op);
        ActualState state = settle(driver, w.id(), driver.provision(w.spec().withInstallation(installation.id()), progress));
        // RUNNING only when the provider says so: a process that already exited is STOPPED (the
        // reconciler then applies the restart policy); one still starting stays PROVISIONING
        // until a reconcile pass sees it run.
        CreateOutcome outcome = CreateOutcome.of(state);
        inTx(c -> {
            finish(c, op, OperationStatus.SUCCEEDED, null);
            workloads.setProviderHandle(c, w.id(), state.handle());
            if (progress.digest() != null) {
                workloads.setImageDigest(c, w.id(), progress.digest());
            }
            workloads.setObserved(c, w.id(), state, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
            if (workloads.setStatus(c, w.id(), outcome.status(), outcome.reason())) {
                events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "workload.status_changed",
                        outcome.status().name(), Map.of("status", outcome.status().name(), "handle", state.handle(),
                                "phase", state.phase()));
            }
        });
    }

    /** Polls the provider while the workload is still starting, up to {@code berth.worker.create-settle-timeout}. */
    private ActualState settle(ProviderDriver driver, java.util.UUID workloadId, ActualState provisioned) {
        ActualState state = provisioned;
        long deadline = System.nanoTime() + createSettleTimeout.toNanos();
        long pauseMillis = 100;
        while (CreateOutcome.starting(state) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
            pauseMillis = Math.min(pauseMillis * 2, 5_000);
            Optional<ActualState> described = driver.describe(workloadId);
            if (described.isEmpty()) {
                throw new ProviderException.Transient("the workload disappeared while it was starting", null);
            }
            state = described.get();
        }
        return state;
    }

    private interface DriverCall {
        void apply(ProviderDriver driver);
    }

    private void transition(Operation op, Workload w, WorkloadStatus target, DriverCall call) {
        call.apply(driver(w));
        inTx(c -> {
            finish(c, op, OperationStatus.SUCCEEDED, null);
            // a delete accepted meanwhile keeps the workload DELETING: then nothing changed to tell
            if (workloads.setStatus(c, w.id(), target, op.type().name().toLowerCase() + " completed")) {
                events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "workload.status_changed", target.name(),
                        Map.of("status", target.name()));
            }
        });
    }

    private void delete(Operation op, Workload w) {
        if (w.hostId() != null) {
            driver(w).delete(w.id());
        }
        finishDeleted(op, w);
    }

    private void snapshot(Operation op, Workload w) {
        ProviderSnapshot taken = snapshots(w).createSnapshot(w.id(), op.snapshotName());
        inTx(c -> {
            finish(c, op, OperationStatus.SUCCEEDED, null);
            Snapshot s = snapshotRows.findLive(c, w.id(), op.snapshotName(), true).orElseThrow();
            snapshotRows.setStatus(c, s.id(), Snapshot.Status.AVAILABLE, taken.detail());
            events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "snapshot.available", op.snapshotName(),
                    Map.of("snapshot", op.snapshotName(), "detail", String.valueOf(taken.detail())));
        });
    }

    private void deleteSnapshot(Operation op, Workload w) {
        if (w.hostId() != null && hostStillRegistered(w)) {
            snapshots(w).deleteSnapshot(w.id(), op.snapshotName());
        }
        finishSnapshotDeleted(op, w);
    }

    private void finishSnapshotDeleted(Operation op, Workload w) {
        inTx(c -> {
            finish(c, op, OperationStatus.SUCCEEDED, null);
            Optional<Snapshot> s = snapshotRows.findLive(c, w.id(), op.snapshotName(), true);
            if (s.isPresent()) {
                dropSnapshot(c, s.get());
            }
            events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "snapshot.deleted", op.snapshotName(),
                    Map.of("snapshot", op.snapshotName()));
        });
    }

    private void dropSnapshot(Connection c, Snapshot s) throws SQLException {
        snapshotRows.setStatus(c, s.id(), Snapshot.Status.DELETED, null);
        if (snapshotRows.releaseQuota(c, s.id())) {
            quota.releaseSnapshot(c, s.tenant());
        }
    }

    private void restore(Operation op, Workload w) {
        ProviderDriver driver = driver(w);
        snapshots(w).revertToSnapshot(w.id(), op.snapshotName());
        ActualState state = driver.describe(w.id())
                .orElseThrow(() -> new ProviderException.NotFound("workload gone after restore", null));
        WorkloadStatus status = state.status() == ActualState.Status.RUNNING ? WorkloadStatus.RUNNING : WorkloadStatus.STOPPED;
        inTx(c -> {
            finish(c, op, OperationStatus.SUCCEEDED, null);
            workloads.setProviderHandle(c, w.id(), state.handle());
            boolean changed = workloads.setStatus(c, w.id(), status, "restored from snapshot " + op.snapshotName());
            // the restore happened either way; the status it names is the one the workload has now
            events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "workload.restored", op.snapshotName(),
                    Map.of("snapshot", op.snapshotName(), "status", changed ? status.name() : WorkloadStatus.DELETING.name()));
        });
    }

    private SnapshotCapable snapshots(Workload w) {
        ProviderDriver driver = driver(w);
        if (driver instanceof SnapshotCapable capable) {
            return capable;
        }
        throw new ProviderException.Permanent("this host's driver cannot take snapshots", null);
    }

    private boolean outlivesWorkload(Workload w, String snapshotName) {
        try {
            return w.hostId() != null && hostStillRegistered(w) && snapshots(w).restorableImage(w.id(), snapshotName).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean hostStillRegistered(Workload w) {
        return db.autoCommit(c -> hosts.find(c, w.hostId())).isPresent();
    }

    private boolean stillThere(Workload w) {
        try {
            return driver(w).describe(w.id()).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void finishDeleted(Operation op, Workload w) {
        inTx(c -> {
            finish(c, op, OperationStatus.SUCCEEDED, null);
            release(c, w);
            // A snapshot survives its workload only if the provider keeps something to restore it
            // from (container images, VM backup volumes); the rest died with the workload.
            for (Snapshot s : snapshotRows.live(c, w.id())) {
                if (!outlivesWorkload(w, s.name())) {
                    dropSnapshot(c, s);
                }
            }
            workloads.setStatus(c, w.id(), WorkloadStatus.DELETED, "deleted");
            events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "workload.status_changed", "DELETED",
                    Map.of("status", "DELETED"));
        });
    }

    /** The provider no longer has the workload (deleted out of band): it is FAILED and holds nothing. */
    private void lost(Operation op, Workload w, ProviderException.NotFound e) {
        String reason = publicReason(op, e);
        inTx(c -> {
            String problem = problemJson(ProblemCode.WORKLOAD_LOST, reason);
            finish(c, op, OperationStatus.FAILED, problem);
            release(c, w);
            // a workload being deleted stays DELETING: its queued delete finishes it
            if (workloads.setStatus(c, w.id(), WorkloadStatus.FAILED, "lost: " + reason)) {
                events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "workload.status_changed", "FAILED",
                        Map.of("status", "FAILED", "reason", reason));
            }
        });
    }

    private void retry(Operation op, Workload w, ProviderException.Transient e) {
        Duration backoff = RetryBackoff.after(op.attempts());
        String reason = publicReason(op, e);
        inTx(c -> {
            if (!operations.retryLater(c, op, backoff, problemJson(ProblemCode.PROVIDER_UNAVAILABLE, reason))) {
                throw new LeaseLost();
            }
            events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "operation.retry_scheduled",
                    "attempt " + op.attempts() + " failed transiently; retrying in " + backoff.toSeconds() + "s",
                    Map.of("error", reason));
        });
    }

    /**
     * Fails the operation. A failed create also fails the workload: whatever the provider
     * made is removed first (best effort; the reconciler catches what this misses) and quota
     * and capacity are released in the same transaction.
     */
    private void fail(Operation op, Workload w, ProblemCode code, String detail, boolean failWorkload) {
        // Only while the claim is ours: a stale holder must not remove what its successor made.
        if (failWorkload && w.hostId() != null && db.autoCommit(c -> operations.holds(c, op))) {
            cleanUp(w);
        }
        inTx(c -> {
            finish(c, op, OperationStatus.FAILED, problemJson(code, detail));
            if (op.snapshotName() != null) {
                Optional<Snapshot> s = snapshotRows.findLive(c, w.id(), op.snapshotName(), true);
                if (s.isPresent() && op.type() == OperationType.SNAPSHOT) {
                    snapshotRows.setStatus(c, s.get().id(), Snapshot.Status.FAILED, detail);
                    if (snapshotRows.releaseQuota(c, s.get().id())) {
                        quota.releaseSnapshot(c, s.get().tenant());
                    }
                } else if (s.isPresent() && op.type() == OperationType.SNAPSHOT_DELETE) {
                    snapshotRows.setStatus(c, s.get().id(), Snapshot.Status.AVAILABLE, "delete failed: " + detail);
                }
            }
            if (failWorkload) {
                release(c, w);
                // a workload being deleted stays DELETING: its queued delete finishes it
                if (workloads.setStatus(c, w.id(), WorkloadStatus.FAILED, detail)) {
                    events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "workload.status_changed", "FAILED",
                            Map.of("status", "FAILED", "reason", detail));
                }
            }
            events.append(c, w.tenant(), w.id(), op.id(), EventLog.SYSTEM, "operation.failed", detail,
                    Map.of("code", code.code()));
        });
    }

    private void cleanUp(Workload w) {
        try {
            driver(w).delete(w.id());
        } catch (RuntimeException e) {
            LOG.warnf("could not remove provider object of failed workload %s: %s", w.id(), e.getMessage());
        }
    }

    private void release(Connection c, Workload w) throws SQLException {
        Workload current = workloads.lock(c, w.id()).orElseThrow();
        if (!current.holdsResources()) {
            return;
        }
        // exactly what admission charged, whatever the host's prices are now
        quota.release(c, current.tenant(), current.resources(), current.monthlyCostMicros());
        if (current.hostId() != null) {
            hosts.release(c, current.hostId(), current.resources());
        }
        workloads.markReleased(c, current.id());
        usage.close(c, current.id());
        events.append(c, current.tenant(), current.id(), null, EventLog.SYSTEM, "quota.released", "quota and capacity released",
                Map.of("milliCpu", current.resources().milliCpu(), "memoryMiB", current.resources().memoryMiB(),
                        "monthlyCostMicros", current.monthlyCostMicros()));
    }

    private void finish(Connection c, Operation op, OperationStatus status, String problem) throws SQLException {
        if (!operations.finish(c, op, status, problem)) {
            throw new LeaseLost();
        }
    }

    private ProviderDriver driver(Workload w) {
        Host host = db.autoCommit(c -> hosts.find(c, w.hostId()))
                .orElseThrow(() -> new ProviderException.Permanent("host " + w.hostId() + " is no longer registered", null));
        return drivers.forHost(host);
    }

    /**
     * What the tenant sees of a driver's error (operation error, status reason, events): its
     * message without host endpoints, or a stable sentence when it reveals internals (a
     * library's NullPointerException text, class names). The raw text is logged with the
     * operation id, which the tenant can quote.
     */
    private static String publicReason(Operation op, ProviderException e) {
        String shown = PublicText.of(e.getMessage(), "the host gave no reason that can be shown (operation " + op.id() + ")");
        if (!shown.equals(e.getMessage())) {
            LOG.warnf(e, "operation %s: provider error shown to the tenant as \"%s\"; raw: %s", op.id(), shown, e.getMessage());
        }
        return shown;
    }

    private static String problemJson(ProblemCode code, String detail) {
        Problem problem = ProblemResponses.body(code, detail, null, List.of());
        return Json.write(problem);
    }

    private interface TxWork {
        void run(Connection c) throws SQLException;
    }

    private void inTx(TxWork work) {
        db.transaction(c -> {
            work.run(c);
            return null;
        });
    }
}
