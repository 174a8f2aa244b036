package dev.berth.broker.operations;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.berth.broker.db.Database;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The operations this replica holds, and the heartbeat that keeps them: every
 * {@code berth.worker.heartbeat} one statement extends all their leases. A claim the heartbeat
 * cannot renew was taken over by another replica (this one stalled past its lease); it is
 * dropped here, and the claim token in the outcome transaction stops its holder from recording
 * anything. The heartbeat runs on its own thread so that a busy request pool cannot delay it
 * into losing claims.
 */
@ApplicationScoped
public class HeldClaims {

    private static final Logger LOG = Logger.getLogger(HeldClaims.class);

    private final Database db;
    private final OperationRepository operations;
    private final WorkerSettings settings;
    private final String replica = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Map<UUID, Operation> held = new ConcurrentHashMap<>();
    private ScheduledExecutorService heartbeat;
    private boolean closed;

    HeldClaims(Database db, OperationRepository operations, WorkerSettings settings) {
        this.db = db;
        this.operations = operations;
        this.settings = settings;
        if (settings.heartbeat().multipliedBy(2).compareTo(settings.lease()) > 0) {
            throw new IllegalArgumentException("berth.worker.heartbeat (" + settings.heartbeat()
                    + ") must be at most half of berth.worker.lease (" + settings.lease() + ")");
        }
    }

    @PostConstruct
    void startHeartbeat() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-claim-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Who claims: JVM name (pid@host) and a random part, so a restarted replica is a new holder. */
    public String replica() {
        return replica;
    }

    /**
     * Starts holding a fresh claim. False once shutdown began (a claim taken just as the worker
     * stopped): that claim is handed back at once and must not run.
     */
    boolean add(Operation claimed) {
        synchronized (this) {
            if (!closed) {
                held.put(claimed.claimToken(), claimed);
                return true;
            }
        }
        handBack(List.of(claimed.claimToken()));
        return false;
    }

    void remove(Operation claimed) {
        held.remove(claimed.claimToken());
    }

    /** Extends every held lease; drops the claims that were taken over. */
    void renew() {
        Set<UUID> tokens = Set.copyOf(held.keySet());
        if (tokens.isEmpty()) {
            return;
        }
        try {
            Set<UUID> ours = db.transaction(c -> operations.renew(c, tokens, settings.lease()));
            for (UUID token : tokens) {
                Operation lost = ours.contains(token) ? null : held.remove(token);
                if (lost != null) {
                    LOG.warnf("operation %s (%s) was taken over by another replica; this replica will not record "
                            + "its outcome", lost.id(), lost.type());
                }
            }
        } catch (RuntimeException e) {
            // The next beat tries again; the lease is at least two beats long.
            LOG.warnf("renewing %d operation claims failed: %s", tokens.size(), e.getMessage());
        }
    }

    /** Graceful shutdown: every held claim goes back to the queue now, not after its lease. */
    void handBackAll() {
        List<UUID> tokens;
        synchronized (this) {
            closed = true;
            tokens = List.copyOf(held.keySet());
        }
        heartbeat.shutdownNow();
        if (!tokens.isEmpty()) {
            handBack(tokens);
        }
    }

    private void handBack(List<UUID> tokens) {
        try {
            int handed = db.transaction(c -> operations.handBack(c, tokens));
            held.clear();
            LOG.infof("handed %d operation claims back to the queue", handed);
        } catch (RuntimeException e) {
            LOG.warnf("handing back %d operation claims failed (they return when their leases expire): %s",
                    tokens.size(), e.getMessage());
        }
    }
}
