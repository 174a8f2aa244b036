package dev.berth.broker.operations;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.berth.broker.db.Database;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs operations from the shared queue in PostgreSQL. Any broker replica may run any
 * operation: claims are leases taken with {@code FOR UPDATE SKIP LOCKED}, so replicas never
 * block each other, and a lease left by a dead broker expires and is taken over — nothing
 * accepted is ever lost. Polls on a timer, and is woken at once after local mutations.
 */
@ApplicationScoped
public class OperationWorker {

    private static final Logger LOG = Logger.getLogger(OperationWorker.class);

    private final Database db;
    private final OperationRepository operations;
    private final OperationExecutor executor;
    private final Duration lease;
    private final boolean enabled;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final AtomicBoolean draining = new AtomicBoolean();

    OperationWorker(Database db, OperationRepository operations, OperationExecutor executor,
                    @ConfigProperty(name = "berth.worker.threads", defaultValue = "4") int threads,
                    @ConfigProperty(name = "berth.worker.lease", defaultValue = "120S") Duration lease,
                    @ConfigProperty(name = "berth.worker.enabled", defaultValue = "true") boolean enabled) {
        this.db = db;
        this.operations = operations;
        this.executor = executor;
        this.lease = lease;
        this.enabled = enabled;
        this.slots = new Semaphore(threads);
        this.pool = Executors.newFixedThreadPool(threads + 1, r -> {
            Thread t = new Thread(r, "berth-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Ask for a drain soon (after a local mutation) instead of waiting for the next tick. */
    public void wake() {
        if (enabled) {
            pool.execute(this::drain);
        }
    }

    @Scheduled(every = "${berth.worker.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (enabled) {
            drain();
        }
    }

    /** Claims operations while there are free slots and runnable operations. */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            while (slots.tryAcquire()) {
                Optional<Operation> claimed;
                try {
                    claimed = db.transaction(c -> operations.claimNext(c, lease));
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
                pool.execute(() -> {
                    try {
                        executor.execute(op);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "operation %s crashed; its lease will expire and it will be retried", op.id());
                    } finally {
                        slots.release();
                        wake();
                    }
                });
            }
        } finally {
            draining.set(false);
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
