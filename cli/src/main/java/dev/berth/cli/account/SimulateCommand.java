package dev.berth.cli.account;

import java.nio.file.Path;
import java.util.List;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.InputFiles;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.PlacementsApi;
import dev.berth.sdk.model.PlacementSimulation;
import dev.berth.sdk.model.PlacementSimulationResult;
import dev.berth.sdk.model.WorkloadCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth simulate -f workload.yaml}: where the workload would land and why, changing nothing. */
@Command(name = "simulate", description = "What-if placement of a workload file (the same file `workloads create` takes).")
public final class SimulateCommand extends BerthCommand {

    @Option(names = {"-f", "--file"}, required = true, description = "Workload spec, YAML or JSON ('-' for stdin).")
    Path file;

    @Option(names = "--tenant", description = "Platform admins: simulate for this tenant.")
    String tenant;

    static final List<Column<PlacementSimulationResult>> COLUMNS = List.of(
            Column.of("fits", PlacementSimulationResult::getFits), Column.of("host", PlacementSimulationResult::getHostName),
            Column.of("quotaOk", PlacementSimulationResult::getQuotaOk),
            Column.of("quotaDetail", PlacementSimulationResult::getQuotaDetail),
            Column.of("monthlyCost", PlacementSimulationResult::getEstimatedMonthlyCost));

    @Override
    protected ExitCode run() throws ApiException {
        WorkloadCreate workload = InputFiles.read(file, WorkloadCreate.class);
        PlacementSimulationResult result = new PlacementsApi(api())
                .simulatePlacement(new PlacementSimulation().workload(workload).tenant(tenant));
        printer().one(result, COLUMNS);
        return ExitCode.OK;
    }
}
