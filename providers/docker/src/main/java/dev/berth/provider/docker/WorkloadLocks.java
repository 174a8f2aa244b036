package dev.berth.provider.docker;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the mutations of one workload inside one driver (a revert swaps the container
 * under its name, which a concurrent delete or snapshot must not see half done). Striped, so memory stays
 * bounded whatever the number of workloads; reentrant.
 * Races between brokers are not covered: the broker serialises operations per workload.
 */
final class WorkloadLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    WorkloadLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T with(UUID workloadId, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(workloadId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void with(UUID workloadId, Runnable work) {
        with(workloadId, () -> {
            work.run();
            return null;
        });
    }
}
