package dev.berth.provider.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One placement target's driver, bound to one host (a Docker endpoint, a libvirt URI, an
 * AWS account and region). Created by a {@link ProviderDriverFactory}; thread-safe; closed
 * by the broker when the host is removed or the broker stops.
 *
 * <p>Contract every implementation must meet (checked by the providers/tck suite):
 * <ul>
 *   <li>{@link #provision} is idempotent: the workload UUID is the provider-side identity,
 *       so a retry after a crash or timeout finds and returns the existing object instead of
 *       creating a second one. It leaves the workload running.</li>
 *   <li>{@link #delete} is idempotent: deleting what is already gone succeeds.</li>
 *   <li>{@link #start}, {@link #stop}, {@link #restart} on a missing workload throw
 *       {@link ProviderException.NotFound}; on a workload already in the target state they
 *       succeed.</li>
 *   <li>{@link #describe} of a workload deleted out of band is empty, never an exception.</li>
 *   <li>Every failure is a {@link ProviderException} subclass.</li>
 * </ul>
 */
public interface ProviderDriver extends AutoCloseable {

    /** Capacity, supported kinds and version of the host, read from the provider. */
    HostInventory inventory();

    /** A quick liveness probe; never throws, a failure is an unhealthy result. */
    HostHealth probe();

    /** Creates (if needed) and starts the workload; returns its state after the call. */
    ActualState provision(WorkloadSpec spec);

    /**
     * {@link #provision(WorkloadSpec)}, telling {@code observer} what it does on the way (image
     * pull progress, the digest of the image it runs). Drivers with nothing to report keep this default.
     */
    default ActualState provision(WorkloadSpec spec, ProvisionObserver observer) {
        return provision(spec);
    }

    void start(UUID workloadId);

    /** Graceful stop: signal, wait up to {@code grace}, then kill. */
    void stop(UUID workloadId, Duration grace);

    void restart(UUID workloadId, Duration grace);

    /** Removes the workload and what the provider created for it (volumes, disks). */
    void delete(UUID workloadId);

    Optional<ActualState> describe(UUID workloadId);

    /** Every Berth workload on this host (objects carrying the {@code berth.workload} label). */
    List<ActualState> list();

    @Override
    void close();
}
