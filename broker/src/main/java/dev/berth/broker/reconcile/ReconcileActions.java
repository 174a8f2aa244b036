package dev.berth.broker.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.operations.Operation;
import dev.berth.broker.operations.OperationRepository;
import dev.berth.broker.operations.OperationType;
import dev.berth.broker.operations.OperationWorker;
import dev.berth.broker.workloads.Restarts;
import dev.berth.broker.workloads.Workload;
import dev.berth.broker.workloads.WorkloadRepository;
import dev.berth.broker.workloads.WorkloadStatus;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.WorkloadSpec;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Carries out a pass's {@link Verdict}s. Each change of a workload is one transaction that
 * first locks the row and checks it is still what the pass compared (same status, not
 * changed since, no operation queued meanwhile) — otherwise the verdict is dropped and the
 * next pass looks again. Restarts and re-provisioning are queued as operations (START,
 * CREATE) so the worker runs them idempotently and the tenant sees them; the reconciler
 * itself calls the driver only to confirm a loss and to remove orphans.
 */
@ApplicationScoped
class ReconcileActions {

    private static final Logger LOG = Logger.getLogger(ReconcileActions.class);
    static final String ACTOR = "system:reconciler";

    private final Database db;
    private final ReconcileRepository repository;
    private final WorkloadRepository workloads;
    private final OperationRepository operations;
    private final OperationWorker worker;
    private final EventLog events;
    private final ReconcileConfig config;

    ReconcileActions(Database db, ReconcileRepository repository, WorkloadRepository workloads,
                     OperationRepository operations, OperationWorker worker, EventLog events, ReconcileConfig config) {
        this.db = db;
        this.repository = repository;
        this.workloads = workloads;
        this.operations = operations;
        this.worker = worker;
        this.events = events;
        this.config = config;
    }

    /**
     * Stores the pass's observations (no status change, no event): one statement moves "last
     * seen" of every workload whose report did not change, one batch rewrites those that did
     * — so a steady host of 10,000 workloads costs two statements, not 10,000 updates.
     */
    void observe(List<Verdict.Observed> observed, OffsetDateTime seenAt) {
        if (observed.isEmpty()) {
            return;
        }
        List<java.util.UUID> unchanged = new java.util.ArrayList<>();
        List<Verdict.Observed> changed = new java.util.ArrayList<>();
        for (Verdict.Observed o : observed) {
            if (sameReport(o.workload().observed(), o.state())) {
                unchanged.add(o.workload().id());
            } else {
                changed.add(o);
            }
        }
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE workload SET observed_at = ? WHERE id = ANY (?)")) {
                ps.setObject(1, seenAt);
                ps.setArray(2, c.createArrayOf("uuid", unchanged.toArray()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE workload SET observed_phase = ?, observed_exit_code = ?, observed_detail = ?,
                           observed_started_at = ?, observed_finished_at = ?, observed_at = ?,
                           last_exit_code = coalesce(?, last_exit_code)
                    WHERE id = ?""")) {
                for (Verdict.Observed o : changed) {
                    WorkloadRepository.bindObserved(ps, o.state(), seenAt);
                    ps.setObject(8, o.workload().id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Whether the provider says what Berth already stored (times compared to the microsecond PostgreSQL keeps). */
    static boolean sameReport(dev.berth.broker.workloads.Observation stored, ActualState now) {
        return stored.seenAt() != null && java.util.Objects.equals(stored.phase(), now.phase())
                && java.util.Objects.equals(stored.exitCode(), now.exitCode())
                && java.util.Objects.equals(stored.detail(), now.detail())
                && sameInstant(stored.startedAt(), now.startedAt()) && sameInstant(stored.finishedAt(), now.finishedAt());
    }

    private static boolean sameInstant(OffsetDateTime stored, java.time.Instant now) {
        if (stored == null || now == null) {
            return stored == null && now == null;
        }
        return stored.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                .equals(now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /**
     * Applies one verdict; returns the finding it amounts to, or empty when it was dropped (the
     * workload changed meanwhile) or is a plain observation.
     */
    Optional<FindingKind> apply(Verdict verdict, Host host, ProviderDriver driver) {
        if (verdict instanceof Verdict.Orphan v) {
            return Optional.ofNullable(orphan(v, host, driver));
        }
        return carriedOut(verdict, host, driver) ? Optional.ofNullable(verdict.kind()) : Optional.empty();
    }

    private boolean carriedOut(Verdict verdict, Host host, ProviderDriver driver) {
        if (verdict instanceof Verdict.BecameRunning v) {
            return becameRunning(v);
        } else if (verdict instanceof Verdict.Exited v) {
            return exited(v);
        } else if (verdict instanceof Verdict.Gone v) {
            return gone(v, host, driver);
        } else if (verdict instanceof Verdict.Ghost v) {
            return ghost(v);
        } else if (verdict instanceof Verdict.Drift v) {
            return drift(v, host);
        } else if (verdict instanceof Verdict.ResetRestarts v) {
            return unchanged(v.workload(), c -> {
                repository.resetRestarts(c, v.workload().id());
                return true;
            });
        }
        return true; // Observed: stored in bulk by observe()
    }

    private boolean becameRunning(Verdict.BecameRunning v) {
        Workload w = v.workload();
        return unchanged(w, c -> {
            workloads.setStatus(c, w.id(), WorkloadStatus.RUNNING, "seen running: " + v.state().detail());
            event(c, w, null, FindingKind.RECOVERED.eventType(), "was " + w.status() + ", the provider reports it "
                    + v.state().phase(), Map.of("previousStatus", w.status().name(), "phase", v.state().phase()));
            statusChanged(c, w, null, WorkloadStatus.RUNNING);
            return true;
        });
    }

    private boolean exited(Verdict.Exited v) {
        Workload w = v.workload();
        RestartDecision d = v.decision();
        String code = v.state().exitCode() == null ? "an unknown code" : "code " + v.state().exitCode();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", v.state().phase());
        data.put("exitCode", v.state().exitCode() == null ? "unknown" : v.state().exitCode());
        data.put("restartPolicy", w.restartPolicy().name());
        data.put("restartCount", w.restarts().count());
        data.put("detail", String.valueOf(v.state().detail()));
        return unchanged(w, c -> {
            switch (d.action()) {
                case RESTART -> {
                    Operation start = Operation.pending(w.id(), w.tenant(), OperationType.START);
                    operations.insert(c, start, d.delay());
                    repository.recordRestart(c, w.id(), d.restart());
                    String reason = "exited with " + code + "; restart " + d.restart() + " of "
                            + config.restart().crashLoopAfter() + " in " + Verdict.seconds(d.delay());
                    setStatus(c, w, start, WorkloadStatus.STOPPED, reason);
                    data.put("restart", d.restart());
                    data.put("delayMillis", d.delay().toMillis());
                    event(c, w, start, FindingKind.EXITED.eventType(), reason, data);
                }
                case LEAVE -> {
                    repository.settleStopped(c, w.id());
                    String reason = "exited with " + code + "; restart policy " + policyName(w) + " does not restart it";
                    setStatus(c, w, null, WorkloadStatus.STOPPED, reason);
                    event(c, w, null, FindingKind.EXITED.eventType(), reason, data);
                }
                case GIVE_UP -> {
                    String reason = "exited with " + code + " after " + w.restarts().count()
                            + " restarts in a row; not restarted again until it is started";
                    setStatus(c, w, null, WorkloadStatus.CRASH_LOOP, reason);
                    event(c, w, null, FindingKind.CRASH_LOOP.eventType(), reason, data);
                }
            }
            return true;
        });
    }

    private boolean gone(Verdict.Gone v, Host host, ProviderDriver driver) {
        Workload w = v.workload();
        if (driver.describe(w.id()).isPresent()) {
            return false; // listed without it, yet there: a list racing a change; the next pass sees it
        }
        String object = WorkloadSpec.providerName(w.id()) + (w.providerHandle() == null ? "" : " (" + w.providerHandle() + ")");
        String seen = "the provider object " + object + " is gone from host " + host.name() + ": neither listed nor "
                + "found by name" + (w.observed().seenAt() == null ? ""
                : "; last seen " + w.observed().seenAt() + " as " + w.observed().phase());
        RestartDecision d = v.decision();
        return unchanged(w, c -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("host", host.name());
            data.put("object", object);
            data.put("lastPhase", String.valueOf(w.observed().phase()));
            data.put("restartPolicy", w.restartPolicy().name());
            data.put("quota", "kept");
            Operation create = null;
            String reason;
            switch (d.action()) {
                case RESTART -> {
                    create = Operation.pending(w.id(), w.tenant(), OperationType.CREATE);
                    operations.insert(c, create, d.delay());
                    repository.recordRestart(c, w.id(), d.restart());
                    reason = seen + "; re-provisioned on the same host in " + Verdict.seconds(d.delay())
                            + " (restart " + d.restart() + " of " + config.restart().crashLoopAfter() + ")";
                    data.put("delayMillis", d.delay().toMillis());
                }
                case LEAVE -> reason = seen + (w.restarts().desired() == Restarts.DesiredState.STOPPED
                        ? "; it was stopped, so it is not provisioned again: left LOST for the tenant to delete (quota kept)"
                        : "; restart policy never: left LOST for the tenant to delete (quota kept)");
                default -> reason = seen + "; restarted " + w.restarts().count()
                        + " times in a row already: left LOST (quota kept)";
            }
            setStatus(c, w, create, WorkloadStatus.LOST, reason);
            event(c, w, create, FindingKind.LOST.eventType(), reason, data);
            return true;
        });
    }

    private boolean ghost(Verdict.Ghost v) {
        Workload w = v.workload();
        return unchanged(w, c -> {
            Operation create = Operation.pending(w.id(), w.tenant(), OperationType.CREATE);
            operations.insert(c, create);
            event(c, w, create, FindingKind.GHOST.eventType(), "recorded " + w.status() + " but no provider object "
                    + "exists and no operation is queued (a crash between commit and provision?): create queued again",
                    Map.of("status", w.status().name()));
            return true;
        });
    }

    /** ORPHAN while within its grace, ORPHAN_REMOVED once removed; null if the removal failed. */
    private FindingKind orphan(Verdict.Orphan v, Host host, ProviderDriver driver) {
        ActualState s = v.state();
        String tenant = v.tenant() == null ? "" : v.tenant();
        ReconcileRepository.Seen seen = db.transaction(c -> {
            ReconcileRepository.Seen found = repository.seen(c, host.id(), s.workloadId(), FindingKind.ORPHAN, tenant,
                    s.handle(), v.why());
            if (found.fresh()) {
                events.append(c, tenant, s.workloadId(), null, ACTOR, FindingKind.ORPHAN.eventType(),
                        "orphan on host " + host.name() + ": " + v.why() + (config.orphans().remove()
                                ? "; removed after " + config.orphans().grace() : "; reported only"),
                        Map.of("host", host.name(), "handle", String.valueOf(s.handle()), "phase", s.phase()));
            }
            return found;
        });
        OffsetDateTime now = db.autoCommit(repository::now);
        if (!config.orphans().remove() || seen.firstSeenAt().plus(config.orphans().grace()).isAfter(now)) {
            return FindingKind.ORPHAN;
        }
        try {
            driver.delete(s.workloadId());
        } catch (RuntimeException e) {
            LOG.warnf("could not remove orphan %s on host %s: %s", s.workloadId(), host.name(), e.getMessage());
            return null;
        }
        db.transaction(c -> {
            repository.resolve(c, host.id(), s.workloadId(), FindingKind.ORPHAN);
            events.append(c, tenant, s.workloadId(), null, ACTOR, FindingKind.ORPHAN_REMOVED.eventType(),
                    "orphan removed from host " + host.name() + " after " + Duration.between(seen.firstSeenAt(), now)
                            .toSeconds() + "s: " + v.why(),
                    Map.of("host", host.name(), "handle", String.valueOf(s.handle())));
            return null;
        });
        return FindingKind.ORPHAN_REMOVED;
    }

    private boolean drift(Verdict.Drift v, Host host) {
        Workload w = v.workload();
        db.transaction(c -> {
            if (repository.seen(c, host.id(), w.id(), FindingKind.DRIFT, w.tenant(), v.state().handle(), v.what()).fresh()) {
                event(c, w, null, FindingKind.DRIFT.eventType(), "drift on host " + host.name() + ": " + v.what()
                        + " (reported, not changed)", Map.of("host", host.name(), "phase", v.state().phase()));
            }
            return null;
        });
        return true;
    }

    // ---------------------------------------------------------------- plumbing

    private interface Change {
        boolean apply(Connection c) throws SQLException;
    }

    /** Runs {@code change} only if the workload is as the pass saw it and nothing is queued for it. */
    private boolean unchanged(Workload seen, Change change) {
        boolean applied = db.transaction(c -> {
            Optional<Workload> now = workloads.lock(c, seen.id());
            if (now.isEmpty() || now.get().status() != seen.status() || !now.get().updatedAt().isEqual(seen.updatedAt())
                    || repository.busy(c, seen.id())) {
                return false;
            }
            return change.apply(c);
        });
        if (applied) {
            worker.wake();
        }
        return applied;
    }

    private void setStatus(Connection c, Workload w, Operation op, WorkloadStatus status, String reason) throws SQLException {
        if (workloads.setStatus(c, w.id(), status, reason) && status != w.status()) {
            statusChanged(c, w, op, status);
        }
    }

    private void statusChanged(Connection c, Workload w, Operation op, WorkloadStatus status) throws SQLException {
        events.append(c, w.tenant(), w.id(), op == null ? null : op.id(), ACTOR, "workload.status_changed", status.name(),
                Map.of("status", status.name()));
    }

    private void event(Connection c, Workload w, Operation op, String type, String message, Map<String, ?> data)
            throws SQLException {
        events.append(c, w.tenant(), w.id(), op == null ? null : op.id(), ACTOR, type, message, data);
    }

    private static String policyName(Workload w) {
        return w.restartPolicy().name().toLowerCase().replace('_', '-');
    }
}
