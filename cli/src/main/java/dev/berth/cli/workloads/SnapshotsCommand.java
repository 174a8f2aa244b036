package dev.berth.cli.workloads;

import java.util.List;
import java.util.UUID;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.WorkloadsApi;
import dev.berth.sdk.model.Snapshot;
import dev.berth.sdk.model.SnapshotCreate;
import dev.berth.sdk.model.SnapshotList;
import dev.berth.sdk.model.SnapshotRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth workloads snapshots list|create|delete|restore ID [NAME]}. */
@Command(name = "snapshots", description = "Snapshots of a workload.",
        subcommands = {SnapshotsCommand.ListSnapshots.class, SnapshotsCommand.CreateSnapshot.class,
                SnapshotsCommand.DeleteSnapshot.class, SnapshotsCommand.RestoreSnapshot.class})
public final class SnapshotsCommand {

    static final List<Column<Snapshot>> COLUMNS = List.of(Column.of("name", Snapshot::getName),
            Column.of("status", Snapshot::getStatus), Column.of("restorableAsNew", Snapshot::getRestorableAsNew),
            Column.of("created", Snapshot::getCreatedAt), Column.of("detail", Snapshot::getDetail));

    @Command(name = "list", description = "List a workload's snapshots.")
    static final class ListSnapshots extends BerthCommand {
        @Parameters(paramLabel = "ID")
        UUID id;

        @Override
        protected ExitCode run() throws ApiException {
            SnapshotList list = new WorkloadsApi(api()).listSnapshots(id);
            printer().list(list, COLUMNS, list.getItems());
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Take a snapshot.")
    static final class CreateSnapshot extends MutationCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Mixin
        WaitOptions options;

        @Override
        protected ExitCode run() throws ApiException {
            ApiClient api = api();
            return finish(api, new WorkloadsApi(api).createSnapshot(id, new SnapshotCreate().name(name), options.key()),
                    options, null);
        }
    }

    @Command(name = "delete", description = "Delete a snapshot.")
    static final class DeleteSnapshot extends MutationCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Mixin
        WaitOptions options;

        @Override
        protected ExitCode run() throws ApiException {
            ApiClient api = api();
            return finish(api, new WorkloadsApi(api).deleteSnapshot(id, name, options.key()), options, null);
        }
    }

    @Command(name = "restore", description = "Restore a snapshot in place, or --as-new NAME as a new workload.")
    static final class RestoreSnapshot extends MutationCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Option(names = "--as-new", paramLabel = "NEW_NAME", description = "Create a new workload with this name.")
        String asNew;

        @Mixin
        WaitOptions options;

        @Override
        protected ExitCode run() throws ApiException {
            ApiClient api = api();
            SnapshotRestore body = asNew == null ? null : new SnapshotRestore().asNewWorkload(asNew);
            return finish(api, new WorkloadsApi(api).restoreSnapshot(id, name, options.key(), body), options, null);
        }
    }
}
