package dev.berth.cli.workloads;

import java.util.UUID;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.WorkloadsApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth workloads get ID}. */
@Command(name = "get", description = "Show a workload (-o yaml|json for every field).")
public final class GetWorkloadCommand extends BerthCommand {

    @Parameters(paramLabel = "ID")
    UUID id;

    @Override
    protected ExitCode run() throws ApiException {
        printer().one(new WorkloadsApi(api()).getWorkload(id), WorkloadColumns.ALL);
        return ExitCode.OK;
    }
}
