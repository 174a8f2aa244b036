package dev.berth.cli.workloads;

import java.util.List;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.output.Column;
import dev.berth.cli.watch.OperationWaiter;
import dev.berth.cli.watch.ProgressView;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;

/** What every workload mutation does with its 202: print it, or wait for the outcome and print the workload. */
abstract class MutationCommand extends BerthCommand {

    protected ExitCode finish(ApiClient api, WorkloadOperation accepted, WaitOptions options, WorkloadStatus target)
            throws ApiException {
        if (!options.wait) {
            printer().one(accepted, List.of(
                    Column.of("workload", w -> w.getWorkload().getId()),
                    Column.of("name", w -> w.getWorkload().getName()),
                    Column.of("status", w -> w.getWorkload().getStatus()),
                    Column.of("operation", w -> w.getOperation().getId()),
                    Column.of("opStatus", w -> w.getOperation().getStatus())));
            return ExitCode.OK;
        }
        ProgressView progress = new ProgressView(err(), cli().interactive());
        OperationWaiter.Outcome outcome = new OperationWaiter(api, progress, cli().clock())
                .await(accepted, target, options.timeout, err());
        if (outcome.workload() != null) {
            printer().one(outcome.workload(), WorkloadColumns.ALL);
        }
        return outcome.exitCode();
    }
}
