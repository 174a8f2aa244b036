package dev.berth.cli.workloads;

import java.util.UUID;

import dev.berth.cli.ExitCode;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.WorkloadsApi;
import dev.berth.sdk.model.WorkloadStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth workloads delete ID [--wait]}. */
@Command(name = "delete", description = "Delete a workload (releases its quota).")
public final class DeleteWorkloadCommand extends MutationCommand {

    @Parameters(paramLabel = "ID")
    UUID id;

    @Mixin
    WaitOptions options;

    @Override
    protected ExitCode run() throws ApiException {
        ApiClient api = api();
        return finish(api, new WorkloadsApi(api).deleteWorkload(id, options.key()), options, WorkloadStatus.DELETED);
    }
}
