package dev.berth.broker.operations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.berth.broker.db.Database;
import dev.berth.broker.db.Json;
import dev.berth.broker.problems.ProblemCode;
import dev.berth.broker.problems.ProblemResponses;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Runs operations from the shared queue in PostgreSQL. Any broker replica may run any
 * operation: claims are short leases taken with {@code FOR UPDATE SKIP LOCKED}, so replicas
 * never block each other, renewed by {@link HeldClaims}' heartbeat while the driver call runs,
 * so a live replica keeps an operation however long it takes and a dead replica's claims are
 * taken over within one lease — nothing accepted is ever lost. Every claim is an attempt: an
 * attempt that crashes goes back to the queue with backoff, and an operation claimed more than
 * {@code berth.worker.max-attempts} times is given up (a create fails and releases its quota)
 * instead of being retried for ever. Polls on a timer, and is woken at once after local
 * mutations; on shutdown it hands its claims back at once.
 */
@ApplicationScoped
public class OperationWorker {

    private static final Logger LOG = Logger.getLogger(OperationWorker.class);

    private final Database db;
    private final OperationRepository operations;
    private final OperationExecutor executor;
    private final HeldClaims held;
    private final WorkerSettings settings;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean stopping;

    OperationWorker(Database db, OperationRepository operations, OperationExecutor executor, HeldClaims held,
                    WorkerSettings settings) {
        this.db = db;
        this.operations = operations;
        this.executor = executor;
        this.held = held;
        this.settings = settings;
        this.slots = new Semaphore(settings.threads());
        this.pool = Executors.newFixedThreadPool(settings.threads() + 1, r -> {
            Thread t = new Thread(r, "berth-worker");
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.enabled()) {
            LOG.infof("operations worker %s: %d threads, lease %s renewed every %s", held.replica(), settings.threads(),
                    settings.lease(), settings.heartbeat());
        }
    }

    /** Ask for a drain soon (after a local mutation) instead of waiting for the next tick. */
    public void wake() {
        if (settings.enabled() && !stopping) {
            pool.execute(this::drain);
        }
    }

    @Scheduled(every = "${berth.worker.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (settings.enabled()) {
            drain();
        }
    }

    /** Claims operations while there are free slots and runnable operations. */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            while (!stopping && slots.tryAcquire()) {
                Optional<Operation> claimed;
                try {
                    UUID token = UUID.randomUUID();
                    claimed = db.transaction(c -> operations.claimNext(c, settings.lease(), token, held.replica()));
                } catch (RuntimeException e) {
                    slots.release();
                    LOG.warnf("claiming an operation failed: %s", e.getMessage());
                    return;
                }
                if (claimed.isEmpty()) {
                    slots.release();
                    return;
                }
                Operation op = claimed.get();
                if (!held.add(op)) {
                    slots.release();
                    return;
                }
                pool.execute(() -> run(op));
            }
        } finally {
            draining.set(false);
        }
    }

    private void run(Operation op) {
        try {
            if (op.attempts() > settings.maxAttempts()) {
                executor.giveUp(op);
            } else {
                executor.execute(op);
            }
        } catch (RuntimeException | Error e) {
            crashed(op, e);
        } finally {
            held.remove(op);
            slots.release();
            wake();
        }
    }

    /**
     * An attempt ended with an error nobody planned for (the executor, or its outcome
     * transaction, threw). The operation goes back to the queue with backoff, the attempt
     * counted, so it is given up after {@code max-attempts} rather than re-claimed every lease.
     */
    private void crashed(Operation op, Throwable e) {
        if (stopping) {
            LOG.debugf("operation %s interrupted by shutdown: %s", op.id(), e);
            return;
        }
        LOG.errorf(e, "attempt %d of operation %s (%s) crashed", op.attempts(), op.id(), op.type());
        String problem = Json.write(ProblemResponses.body(ProblemCode.INTERNAL,
                "attempt " + op.attempts() + " ended unexpectedly: " + e, null, List.of()));
        try {
            if (!db.transaction(c -> operations.retryLater(c, op, RetryBackoff.after(op.attempts()), problem))) {
                LOG.infof("operation %s was taken over meanwhile", op.id());
            }
        } catch (RuntimeException again) {
            LOG.warnf("could not requeue operation %s (it returns when its lease expires): %s", op.id(), again.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        held.handBackAll();
        pool.shutdown();
    }
}
