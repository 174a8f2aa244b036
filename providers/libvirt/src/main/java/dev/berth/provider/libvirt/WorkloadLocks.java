package dev.berth.provider.libvirt;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the mutations of one workload inside one driver (two provisions of the same id
 * would otherwise both clone its volume and race to define it). Striped, so memory stays
 * bounded whatever the number of workloads; reentrant, so restart may call stop and start.
 * Races between brokers are still handled by libvirt (name conflicts, adopt-on-exists).
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
