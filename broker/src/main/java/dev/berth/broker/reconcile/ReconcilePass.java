package dev.berth.broker.reconcile;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.hosts.HostDrivers;
import dev.berth.broker.hosts.Installation;
import dev.berth.broker.workloads.Workload;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ProviderDriver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * One pass over one host: read the database (three statements whatever the host's size),
 * list the provider, {@link Comparison compare}, {@link ReconcileActions act}, record the
 * pass. At most one pass of a host runs at a time across replicas (a PostgreSQL advisory
 * lock held on the pass's own connection).
 */
@ApplicationScoped
class ReconcilePass {

    private static final Logger LOG = Logger.getLogger(ReconcilePass.class);

    private final Database db;
    private final ReconcileRepository repository;
    private final ReconcileActions actions;
    private final HostDrivers drivers;
    private final Installation installation;
    private final Comparison comparison;
    private final MeterRegistry meters;

    ReconcilePass(Database db, ReconcileRepository repository, ReconcileActions actions, HostDrivers drivers,
                  Installation installation, ReconcileConfig config, MeterRegistry meters) {
        this.db = db;
        this.repository = repository;
        this.actions = actions;
        this.drivers = drivers;
        this.installation = installation;
        this.comparison = new Comparison(config);
        this.meters = meters;
        // every kind exported from the start (at 0), so alerts on a rate see the series before the first finding
        for (FindingKind kind : FindingKind.values()) {
            meters.counter("berth.reconcile.findings", "kind", kind.name().toLowerCase());
        }
    }

    /** Runs a pass unless one of this host is running already (then empty). */
    Optional<PassReport> run(Host host, PassReport.Trigger trigger, String replica) {
        return db.autoCommit(lock -> {
            if (!repository.tryLockPass(lock, host.id())) {
                return Optional.<PassReport>empty();
            }
            try {
                return Optional.of(pass(host, trigger, replica));
            } finally {
                repository.unlockPass(lock, host.id());
            }
        });
    }

    private PassReport pass(Host host, PassReport.Trigger trigger, String replica) {
        long started = System.nanoTime();
        Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
        OffsetDateTime startedAt = null;
        int observed = 0;
        String error = null;
        try {
            Comparison.Known known = db.transaction(c -> {
                OffsetDateTime now = repository.now(c);
                return new Comparison.Known(host.id(), repository.liveOnHost(c, host.id()),
                        repository.busyOnHost(c, host.id()), Map.of(), now);
            });
            startedAt = known.listedAt();
            ProviderDriver driver = drivers.forHost(host);
            List<ActualState> listed = driver.list();
            observed = listed.size();
            known = withElsewhere(known, listed);
            List<Verdict> verdicts = comparison.compare(known, listed, installation.id());
            actions.observe(verdicts.stream().filter(Verdict.Observed.class::isInstance)
                    .map(Verdict.Observed.class::cast).toList(), known.listedAt());
            Set<UUID> orphans = new HashSet<>();
            Set<UUID> drifts = new HashSet<>();
            for (Verdict verdict : verdicts) {
                if (verdict instanceof Verdict.Observed) {
                    continue;
                }
                if (verdict instanceof Verdict.Orphan o) {
                    orphans.add(o.state().workloadId());
                } else if (verdict instanceof Verdict.Drift d) {
                    drifts.add(d.workload().id());
                }
                try {
                    actions.apply(verdict, host, driver).ifPresent(kind -> {
                        counts.merge(kind, 1, Integer::sum);
                        meters.counter("berth.reconcile.findings", "kind", kind.name().toLowerCase()).increment();
                    });
                } catch (RuntimeException e) {
                    LOG.warnf(e, "reconcile of host %s: %s failed", host.name(), verdict.getClass().getSimpleName());
                }
            }
            db.transaction(c -> {
                repository.resolveUnseen(c, host.id(), FindingKind.ORPHAN, orphans);
                repository.resolveUnseen(c, host.id(), FindingKind.DRIFT, drifts);
                return null;
            });
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf("reconcile pass of host %s failed: %s", host.name(), error);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        Timer.builder("berth.reconcile.pass").tag("outcome", error == null ? "completed" : "failed")
                .register(meters).record(duration);
        PassReport report = new PassReport(host.id(), host.name(), replica, trigger,
                startedAt == null ? OffsetDateTime.now() : startedAt, duration, observed, counts, error);
        try {
            db.transaction(c -> {
                repository.recordPass(c, report);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not record the reconcile pass of host %s: %s", host.name(), e.getMessage());
        }
        return report;
    }

    /** Adds the rows of listed objects that are not live on this host (deleted, failed, elsewhere). */
    private Comparison.Known withElsewhere(Comparison.Known known, List<ActualState> listed) {
        Set<UUID> onHost = new HashSet<>();
        for (Workload w : known.rows()) {
            onHost.add(w.id());
        }
        List<UUID> strangers = new ArrayList<>();
        for (ActualState s : listed) {
            if (s.workloadId() != null && !onHost.contains(s.workloadId())) {
                strangers.add(s.workloadId());
            }
        }
        if (strangers.isEmpty()) {
            return known;
        }
        Map<UUID, Workload> elsewhere = db.autoCommit(c -> repository.byIds(c, strangers));
        return new Comparison.Known(known.hostId(), known.rows(), known.busy(), elsewhere, known.listedAt());
    }
}
