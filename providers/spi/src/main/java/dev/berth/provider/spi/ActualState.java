package dev.berth.provider.spi;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the provider reports about one workload, for the worker and for drift detection
 * (the broker's reconciler compares {@link ProviderDriver#list()} with its database).
 *
 * @param workloadId   the {@code berth.workload} label of the provider object
 * @param tenant       the {@code berth.tenant} label
 * @param handle       the provider's own id (container id, domain UUID, instance id)
 * @param status       coarse state, see {@link Status}
 * @param detail       the provider's own words (e.g. "Exited (137) 2 seconds ago")
 * @param applied      the limits the provider actually enforces, read back from it
 * @param phase        the provider's own state word ("running", "exited", "pending", "STOPPED", "shutoff");
 *                     never null ({@code status} in lower case when the provider has none)
 * @param exitCode     the main process's exit code once it has ended, when the provider knows it; else null
 * @param startedAt    when the current (or last) run started, when known; else null
 * @param finishedAt   when the last run ended, when it has and the provider knows; else null
 * @param installation the {@code berth.installation} label: which Berth installation created the
 *                     object; null when the provider object carries none (older objects, providers
 *                     that cannot label). The broker removes only its own installation's orphans.
 */
public record ActualState(
        UUID workloadId,
        String tenant,
        String handle,
        Status status,
        String detail,
        Optional<Resources> applied,
        String phase,
        Integer exitCode,
        Instant startedAt,
        Instant finishedAt,
        String installation) {

    public ActualState {
        phase = phase == null || phase.isBlank() ? status.name().toLowerCase() : phase;
        applied = applied == null ? Optional.empty() : applied;
    }

    /** A state without run details (phase from the status, no exit code or times, no installation label). */
    public ActualState(UUID workloadId, String tenant, String handle, Status status, String detail,
                       Optional<Resources> applied) {
        this(workloadId, tenant, handle, status, detail, applied, null, null, null, null, null);
    }

    /** Whether the main process has ended (stopped on request, exited on its own, or failed). */
    public boolean ended() {
        return status == Status.STOPPED || status == Status.FAILED;
    }

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
