package dev.berth.broker.reconcile;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.berth.broker.db.Database;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.hosts.HostDrivers;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.hosts.HostService;
import dev.berth.provider.spi.ChangeNotifying;
import dev.berth.provider.spi.ProviderDriver;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Schedules passes: every host is owned by one replica at a time (a lease row renewed with
 * every pass; a dead replica's hosts move once its lease runs out, a stopping one hands them
 * back at once), which runs a pass every {@code interval} (jittered) and soon after the
 * host's engine reports a change of a Berth object. Admins run a pass now on any replica
 * ({@link #runNow}); the per-host pass lock keeps it from overlapping the owner's.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** A pass waits this long for a running pass of the same host before an admin is told it is busy. */
    private static final Duration ADMIN_WAIT = Duration.ofSeconds(60);

    private final Database db;
    private final HostRepository hosts;
    private final HostService hostService;
    private final HostDrivers drivers;
    private final ReconcileRepository repository;
    private final ReconcilePass pass;
    private final ReconcileConfig config;
    private final String replica;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "berth-reconciler");
        t.setDaemon(true);
        return t;
    });
    /** When each host's next pass is due on this replica (nanoTime). */
    private final Map<UUID, Long> due = new ConcurrentHashMap<>();
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Map<UUID, AutoCloseable> watches = new ConcurrentHashMap<>();

    Reconciler(Database db, HostRepository hosts, HostService hostService, HostDrivers drivers,
               ReconcileRepository repository, ReconcilePass pass, ReconcileConfig config) {
        this.db = db;
        this.hosts = hosts;
        this.hostService = hostService;
        this.drivers = drivers;
        this.repository = repository;
        this.pass = pass;
        this.config = config;
        this.replica = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This replica's name in ownership rows and pass reports. */
    public String replica() {
        return replica;
    }

    /** An admin's pass of one host, now, on this replica; waits for a pass of the host already running. */
    public PassReport runNow(UUID hostId) {
        Host host = hostService.get(hostId);
        long deadline = System.nanoTime() + ADMIN_WAIT.toNanos();
        while (true) {
            Optional<PassReport> report = pass.run(host, PassReport.Trigger.ADMIN, replica);
            if (report.isPresent()) {
                return report.get();
            }
            if (System.nanoTime() > deadline) {
                throw new ReconcileBusy(host.name());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReconcileBusy(host.name());
            }
        }
    }

    public List<HostReconcileState> states() {
        return db.autoCommit(repository::hostStates);
    }

    public List<Finding> openFindings() {
        return db.autoCommit(repository::openFindings);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled()) {
            return;
        }
        List<Host> fleet;
        try {
            fleet = db.autoCommit(hosts::all);
        } catch (RuntimeException e) {
            LOG.warnf("reconciler: could not read the fleet: %s", e.getMessage());
            return;
        }
        long now = System.nanoTime();
        Set<UUID> present = ConcurrentHashMap.newKeySet();
        for (Host host : fleet) {
            present.add(host.id());
            long dueAt = due.computeIfAbsent(host.id(), id -> now + jittered(Duration.ZERO));
            if (dueAt > now || running.contains(host.id())) {
                continue;
            }
            if (!owns(host)) {
                stopWatching(host.id());
                due.put(host.id(), now + jittered(config.interval()));
                continue;
            }
            watch(host);
            running.add(host.id());
            due.put(host.id(), now + jittered(config.interval()));
            pool.execute(() -> {
                try {
                    pass.run(host, PassReport.Trigger.PERIODIC, replica);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "reconcile pass of host %s failed", host.name());
                } finally {
                    running.remove(host.id());
                }
            });
        }
        due.keySet().retainAll(present);
        watches.keySet().stream().filter(id -> !present.contains(id)).toList().forEach(this::stopWatching);
    }

    private boolean owns(Host host) {
        try {
            return db.transaction(c -> repository.claim(c, host.id(), replica, config.ownershipLease()));
        } catch (RuntimeException e) {
            return false; // the host row went away meanwhile, or the database is unreachable: next tick
        }
    }

    /** Engine events of an owned host bring its next pass forward (coalesced by the debounce). */
    private void watch(Host host) {
        if (watches.containsKey(host.id())) {
            return;
        }
        ProviderDriver driver;
        try {
            driver = drivers.forHost(host);
        } catch (RuntimeException e) {
            return;
        }
        if (!(driver instanceof ChangeNotifying notifying)) {
            return;
        }
        UUID hostId = host.id();
        try {
            watches.put(hostId, notifying.watch(workloadId -> due.computeIfPresent(hostId, (id, at) ->
                    Math.min(at, System.nanoTime() + config.eventDebounce().toNanos())), cause -> watches.remove(hostId)));
        } catch (RuntimeException e) {
            LOG.debugf("no engine events for host %s: %s", host.name(), e.getMessage());
        }
    }

    private void stopWatching(UUID hostId) {
        AutoCloseable watch = watches.remove(hostId);
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                // the stream is gone either way
            }
        }
    }

    private long jittered(Duration base) {
        long jitter = (long) (config.interval().toNanos() * config.jitter() * ThreadLocalRandom.current().nextDouble());
        return base.toNanos() + jitter;
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        watches.keySet().forEach(this::stopWatching);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        try {
            db.transaction(c -> {
                repository.releaseAll(c, replica);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debugf("could not hand back reconcile ownership: %s", e.getMessage());
        }
    }
}
