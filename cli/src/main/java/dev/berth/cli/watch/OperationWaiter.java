package dev.berth.cli.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.berth.cli.ExitCode;
import dev.berth.cli.ProblemReport;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.OperationsApi;
import dev.berth.sdk.api.WorkloadsApi;
import dev.berth.sdk.model.Event;
import dev.berth.sdk.model.Operation;
import dev.berth.sdk.model.OperationStatus;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;

/**
 * {@code --wait}: follows an accepted mutation until its operation has finished and the workload
 * reached the status asked for. The workload's watch stream drives it (each event shows as
 * progress and triggers a re-read of the operation); the operation and workload, read through
 * the API, are the truth. If the stream is refused or breaks, it re-reads every few seconds.
 */
public final class OperationWaiter {

    /** Re-read period when no event arrives (a broken or quiet stream); events make it sooner. */
    private static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Set<WorkloadStatus> TRANSIENT = Set.of(WorkloadStatus.PENDING, WorkloadStatus.SCHEDULED,
            WorkloadStatus.PROVISIONING);

    private final ApiClient api;
    private final ProgressView progress;
    private final Clock clock;

    public OperationWaiter(ApiClient api, ProgressView progress, Clock clock) {
        this.api = api;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Waits for {@code accepted}'s operation, then for the workload to be {@code target}.
     * Answers the exit code and leaves the last workload seen in {@link Outcome}.
     */
    public Outcome await(WorkloadOperation accepted, WorkloadStatus target, Duration timeout,
                         java.io.PrintWriter err) throws ApiException {
        UUID workloadId = accepted.getWorkload().getId();
        UUID operationId = accepted.getOperation().getId();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        EventStream stream = openQuietly(workloadId);
        Thread reader = null;
        if (stream != null) {
            reader = new Thread(() -> {
                try {
                    stream.forEach(e -> {
                        if (operationId.equals(e.getOperationId()) || e.getOperationId() == null) {
                            events.add(e);
                        }
                    });
                } catch (RuntimeException ended) {
                    // the re-read below notices the outcome either way
                }
            }, "berth-watch");
            reader.setDaemon(true);
            reader.start();
        }
        Instant deadline = clock.instant().plus(timeout);
        try {
            while (true) {
                Operation op = new OperationsApi(api).getOperation(operationId);
                if (op.getStatus() == OperationStatus.FAILED) {
                    progress.done("operation " + operationId + " FAILED");
                    if (op.getError() != null) {
                        ProblemReport.print(op.getError(), op.getError().getStatus() == null ? 0 : op.getError().getStatus(), err);
                    }
                    return new Outcome(ExitCode.FAILED, new WorkloadsApi(api).getWorkload(workloadId));
                }
                if (op.getStatus() == OperationStatus.SUCCEEDED) {
                    Workload w = new WorkloadsApi(api).getWorkload(workloadId);
                    if (target == null || w.getStatus() == target) {
                        progress.done("workload " + workloadId + " " + w.getStatus());
                        return new Outcome(ExitCode.OK, w);
                    }
                    if (!TRANSIENT.contains(w.getStatus())) {
                        progress.done("workload " + workloadId + " " + w.getStatus() + " (wanted " + target + ")"
                                + (w.getStatusReason() == null ? "" : ": " + w.getStatusReason()));
                        return new Outcome(ExitCode.FAILED, w);
                    }
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    progress.done("timed out waiting for operation " + operationId + " (" + op.getStatus() + ")");
                    return new Outcome(ExitCode.TIMEOUT, new WorkloadsApi(api).getWorkload(workloadId));
                }
                Event next = events.poll(Math.min(left.toMillis(), RECHECK.toMillis()), TimeUnit.MILLISECONDS);
                while (next != null) {
                    progress.event(next);
                    next = events.poll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(ExitCode.ERROR, null);
        } finally {
            if (stream != null) {
                stream.close();
            }
            if (reader != null) {
                reader.interrupt();
            }
        }
    }

    private EventStream openQuietly(UUID workloadId) {
        try {
            return EventStream.open(api, "/v1/workloads/" + workloadId + "/events", null);
        } catch (ApiException e) {
            // e.g. 429 watch.limit_exceeded: --wait still works by re-reading
            return null;
        }
    }

    /** How the wait ended, and the workload as last read. */
    public record Outcome(ExitCode exitCode, Workload workload) {
    }
}
