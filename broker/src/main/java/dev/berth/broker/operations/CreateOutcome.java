package dev.berth.broker.operations;

import dev.berth.broker.workloads.WorkloadStatus;
import dev.berth.provider.spi.ActualState;

/**
 * The status a finished CREATE records, from what the provider reports rather than from the
 * call having returned: RUNNING only when it runs; STOPPED when the process already ended (the
 * reconciler applies the restart policy next); PROVISIONING while it is still starting (an EC2
 * instance still {@code pending}, a Fargate task still being placed).
 */
record CreateOutcome(WorkloadStatus status, String reason) {

    static CreateOutcome of(ActualState state) {
        if (state.status() == ActualState.Status.RUNNING) {
            return new CreateOutcome(WorkloadStatus.RUNNING, state.detail());
        }
        if (state.ended()) {
            return new CreateOutcome(WorkloadStatus.STOPPED, "exited right after it started"
                    + (state.exitCode() == null ? "" : " with code " + state.exitCode()) + ": " + state.detail());
        }
        return new CreateOutcome(WorkloadStatus.PROVISIONING, "the provider reports it " + state.phase()
                + "; RUNNING once it is seen running");
    }

    /** Still on its way to running (created, pending, being placed). */
    static boolean starting(ActualState state) {
        return state.status() == ActualState.Status.TRANSITIONING || state.status() == ActualState.Status.CREATED;
    }
}
