package dev.berth.provider.spi;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A helper for drivers: serialises the mutations of one workload inside one driver (two
 * provisions of the same id would otherwise race, a revert must not be seen half done by a
 * delete). Striped, so memory stays bounded whatever the number of workloads; reentrant, so
 * restart may call stop and start. Races between brokers are not its job: the broker runs a
 * workload's operations one at a time, and drivers adopt what a concurrent attempt created.
 */
public final class WorkloadLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public WorkloadLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public <T> T with(UUID workloadId, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(workloadId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void with(UUID workloadId, Runnable work) {
        with(workloadId, () -> {
            work.run();
            return null;
        });
    }
}
