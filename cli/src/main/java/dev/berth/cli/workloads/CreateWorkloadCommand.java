package dev.berth.cli.workloads;

import java.nio.file.Path;

import dev.berth.cli.ExitCode;
import dev.berth.cli.InputFiles;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.WorkloadsApi;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth workloads create -f workload.yaml [--wait]}. */
@Command(name = "create", description = "Create a workload from a YAML or JSON file (the API's WorkloadCreate).")
public final class CreateWorkloadCommand extends MutationCommand {

    @Option(names = {"-f", "--file"}, required = true, description = "Workload spec, YAML or JSON ('-' for stdin).")
    Path file;

    @Mixin
    WaitOptions options;

    @Override
    protected ExitCode run() throws ApiException {
        WorkloadCreate spec = InputFiles.read(file, WorkloadCreate.class);
        ApiClient api = api();
        return finish(api, new WorkloadsApi(api).createWorkload(spec, options.key()), options, WorkloadStatus.RUNNING);
    }
}
