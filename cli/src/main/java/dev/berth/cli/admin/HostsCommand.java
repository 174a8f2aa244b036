package dev.berth.cli.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.InputFiles;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.AdminHostsApi;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth admin hosts list|get|create|cordon|uncordon|delete}. */
@Command(name = "hosts", description = "Placement targets.",
        subcommands = {HostsCommand.ListHosts.class, HostsCommand.GetHost.class, HostsCommand.CreateHost.class,
                HostsCommand.Cordon.class, HostsCommand.Uncordon.class, HostsCommand.DeleteHost.class})
public final class HostsCommand {

    static final List<Column<Host>> COLUMNS = List.of(Column.of("id", Host::getId), Column.of("name", Host::getName),
            Column.of("driver", Host::getDriver), Column.of("health", Host::getHealth), Column.of("cordoned", Host::getCordoned),
            Column.of("instances", Host::getInstances),
            Column.of("vcpu", h -> (h.getAllocated() == null ? "-" : h.getAllocated().getVcpu()) + "/"
                    + (h.getAllocatable() == null ? "-" : h.getAllocatable().getVcpu())),
            Column.of("endpoint", Host::getEndpoint));

    @Command(name = "list", description = "List hosts.")
    static final class ListHosts extends BerthCommand {
        @Option(names = "--page-size")
        Integer pageSize;

        @Option(names = "--page-token")
        String pageToken;

        @Override
        protected ExitCode run() throws ApiException {
            HostPage page = new AdminHostsApi(api()).listHosts(pageSize, pageToken);
            printer().list(page, COLUMNS, page.getItems());
            return ExitCode.OK;
        }
    }

    @Command(name = "get", description = "Show a host.")
    static final class GetHost extends BerthCommand {
        @Parameters(paramLabel = "ID")
        UUID id;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminHostsApi(api()).getHost(id), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Register a host from a YAML/JSON file (the API's HostCreate).")
    static final class CreateHost extends BerthCommand {
        @Option(names = {"-f", "--file"}, required = true)
        Path file;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminHostsApi(api()).registerHost(InputFiles.read(file, HostCreate.class)), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "cordon", description = "Keep new workloads off a host.")
    static final class Cordon extends BerthCommand {
        @Parameters(paramLabel = "ID")
        UUID id;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminHostsApi(api()).cordonHost(id), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "uncordon", description = "Let new workloads onto a host again.")
    static final class Uncordon extends BerthCommand {
        @Parameters(paramLabel = "ID")
        UUID id;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminHostsApi(api()).uncordonHost(id), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Remove a host that runs nothing.")
    static final class DeleteHost extends BerthCommand {
        @Parameters(paramLabel = "ID")
        UUID id;

        @Override
        protected ExitCode run() throws ApiException {
            new AdminHostsApi(api()).removeHost(id);
            return ExitCode.OK;
        }
    }
}
