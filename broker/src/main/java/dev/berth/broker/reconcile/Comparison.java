package dev.berth.broker.reconcile;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.workloads.Restarts;
import dev.berth.broker.workloads.Workload;
import dev.berth.broker.workloads.WorkloadStatus;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.RestartPolicy;

/**
 * The heart of a pass, pure: what the database says about one host against what its driver
 * listed, turned into {@link Verdict}s. No I/O, so a pass over 10,000 workloads is decided in
 * memory and the rules are unit-tested row by row ({@code ComparisonTest}).
 *
 * <p>A workload is left alone while it has an unfinished operation (the worker is changing
 * it) or when its row changed after the listing began (the list may predate that change);
 * the next pass looks again. That is what makes it safe for the reconciler and the worker
 * to run side by side without locks held across driver calls.
 */
final class Comparison {

    /** Statuses in which the tenant's workload should have a provider object. */
    private static final Set<WorkloadStatus> SHOULD_EXIST = EnumSet.of(WorkloadStatus.RUNNING, WorkloadStatus.STOPPED,
            WorkloadStatus.CRASH_LOOP);
    /** Statuses of a workload that was never (fully) provisioned. */
    private static final Set<WorkloadStatus> NOT_YET_PROVISIONED = EnumSet.of(WorkloadStatus.SCHEDULED,
            WorkloadStatus.PROVISIONING);

    /**
     * What the database says: the host's live workload rows, which of them have unfinished
     * operations, and the rows (anywhere) of listed objects that are not among them.
     *
     * @param rows       workloads on the host, not DELETED/FAILED
     * @param busy       ids with a PENDING or RUNNING operation
     * @param elsewhere  rows of listed workload ids that are not in {@code rows} (deleted, failed, or on another host)
     * @param listedAt   the database's clock just before the driver was asked
     */
    record Known(UUID hostId, List<Workload> rows, Set<UUID> busy, Map<UUID, Workload> elsewhere,
                 OffsetDateTime listedAt) {
    }

    private final ReconcileConfig config;

    Comparison(ReconcileConfig config) {
        this.config = config;
    }

    List<Verdict> compare(Known known, List<ActualState> listed, String installation) {
        Map<UUID, ActualState> byId = new HashMap<>();
        for (ActualState state : listed) {
            if (state.workloadId() != null) {
                byId.put(state.workloadId(), state);
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        Set<UUID> onHost = new java.util.HashSet<>();
        for (Workload w : known.rows()) {
            onHost.add(w.id());
            if (known.busy().contains(w.id()) || w.status() == WorkloadStatus.DELETING
                    || w.updatedAt().isAfter(known.listedAt())) {
                continue; // the worker is on it, or it changed after the list: next pass
            }
            ActualState state = byId.get(w.id());
            if (state == null) {
                missing(w, verdicts);
            } else {
                present(w, state, known.listedAt(), verdicts);
            }
        }
        for (ActualState state : byId.values()) {
            if (!onHost.contains(state.workloadId())) {
                stranger(state, known.elsewhere().get(state.workloadId()), installation, verdicts);
            }
        }
        return verdicts;
    }

    private void missing(Workload w, List<Verdict> verdicts) {
        if (SHOULD_EXIST.contains(w.status())) {
            // Re-provisioning starts the workload, so one the tenant stopped is only reported.
            RestartDecision decision = w.restarts().desired() == Restarts.DesiredState.STOPPED
                    ? RestartDecision.decide(RestartPolicy.NEVER, null, 0, config.restart())
                    : RestartDecision.decide(w.restartPolicy(), null, w.restarts().count(), config.restart());
            verdicts.add(new Verdict.Gone(w, decision));
        } else if (NOT_YET_PROVISIONED.contains(w.status())) {
            verdicts.add(new Verdict.Ghost(w));
        }
        // LOST stays LOST: its re-provisioning, if any, was queued when it was found.
    }

    private void present(Workload w, ActualState state, OffsetDateTime now, List<Verdict> verdicts) {
        verdicts.add(new Verdict.Observed(w, state));
        if (!w.tenant().equals(state.tenant())) {
            verdicts.add(new Verdict.Drift(w, state, "the object's berth.tenant label is '" + state.tenant()
                    + "', the workload's tenant is '" + w.tenant() + "'"));
        }
        state.applied().filter(applied -> !applied.equals(w.resources())).ifPresent(applied -> verdicts.add(
                new Verdict.Drift(w, state, "the provider enforces " + applied + ", the workload was admitted with "
                        + w.resources())));
        boolean wantsRunning = w.restarts().desired() == Restarts.DesiredState.RUNNING;
        switch (state.status()) {
            case RUNNING -> {
                if (wantsRunning && (w.status() == WorkloadStatus.PROVISIONING || w.status() == WorkloadStatus.STOPPED
                        || w.status() == WorkloadStatus.LOST || w.status() == WorkloadStatus.CRASH_LOOP)) {
                    verdicts.add(new Verdict.BecameRunning(w, state));
                } else if (!wantsRunning && w.status() == WorkloadStatus.STOPPED) {
                    verdicts.add(new Verdict.Drift(w, state, "running, though it was stopped"));
                } else if (w.status() == WorkloadStatus.RUNNING && w.restarts().count() > 0
                        && w.restarts().lastRestartAt() != null
                        && w.restarts().lastRestartAt().plus(config.restart().resetAfter()).isBefore(now)) {
                    verdicts.add(new Verdict.ResetRestarts(w));
                }
            }
            case STOPPED, FAILED -> {
                if (wantsRunning && (w.status() == WorkloadStatus.RUNNING || w.status() == WorkloadStatus.STOPPED
                        || w.status() == WorkloadStatus.PROVISIONING)) {
                    verdicts.add(new Verdict.Exited(w, state, RestartDecision.decide(w.restartPolicy(), state.exitCode(),
                            w.restarts().count(), config.restart())));
                }
            }
            default -> {
                // CREATED / TRANSITIONING: on its way somewhere; look again next pass.
            }
        }
    }

    private static void stranger(ActualState state, Workload row, String installation, List<Verdict> verdicts) {
        if (row != null && row.status() != WorkloadStatus.DELETED && row.status() != WorkloadStatus.FAILED) {
            // A live workload's object is never touched, even on a host its row does not name.
            verdicts.add(new Verdict.Drift(row, state, "an object of this workload is on this host, but the workload "
                    + "is recorded on host " + row.hostId()));
            return;
        }
        boolean ours = row != null || (installation != null && installation.equals(state.installation()));
        if (!ours) {
            return; // another installation's (or a pre-labelling) object with no row here: not ours to judge
        }
        String why = row == null ? "no workload " + state.workloadId() + " exists"
                : "workload " + state.workloadId() + " is " + row.status();
        verdicts.add(new Verdict.Orphan(state, row == null ? state.tenant() : row.tenant(), why));
    }
}
