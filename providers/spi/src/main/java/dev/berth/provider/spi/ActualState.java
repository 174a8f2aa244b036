package dev.berth.provider.spi;

import java.util.Optional;
import java.util.UUID;

/**
 * What the provider reports about one workload, for the worker and for drift detection.
 *
 * @param workloadId the {@code berth.workload} label of the provider object
 * @param tenant     the {@code berth.tenant} label
 * @param handle     the provider's own id (container id, domain UUID, instance id)
 * @param status     coarse state, see {@link Status}
 * @param detail     the provider's own words (e.g. "Exited (137) 2 seconds ago")
 * @param applied    the limits the provider actually enforces, read back from it
 */
public record ActualState(
        UUID workloadId,
        String tenant,
        String handle,
        Status status,
        String detail,
        Optional<Resources> applied) {

    /** Coarse, provider-independent run state. */
    public enum Status {
        /** Created but never started. */
        CREATED,
        RUNNING,
        /** Stopped by request or exited on its own. */
        STOPPED,
        /** Being created, started or stopped right now. */
        TRANSITIONING,
        /** The provider reports an error state. */
        FAILED
    }
}
