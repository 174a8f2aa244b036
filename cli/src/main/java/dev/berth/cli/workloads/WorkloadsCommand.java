package dev.berth.cli.workloads;

import picocli.CommandLine.Command;

/** {@code berth workloads ...}: tenant self-service compute. */
@Command(name = "workloads", aliases = "wl", description = "Create and manage workloads.",
        subcommands = {CreateWorkloadCommand.class, ListWorkloadsCommand.class, GetWorkloadCommand.class,
                DeleteWorkloadCommand.class, WorkloadActionCommand.Start.class, WorkloadActionCommand.Stop.class,
                WorkloadActionCommand.Restart.class, WorkloadEventsCommand.class, SnapshotsCommand.class})
public final class WorkloadsCommand {
}
