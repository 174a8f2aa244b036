package dev.berth.cli.admin;

import java.nio.file.Path;
import java.util.List;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.InputFiles;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.AdminCloudAccountsApi;
import dev.berth.sdk.model.CloudAccount;
import dev.berth.sdk.model.CloudAccountCreate;
import dev.berth.sdk.model.CloudAccountPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth admin cloud-accounts list|get|create|delete}. */
@Command(name = "cloud-accounts", description = "Public-cloud accounts (each region a placement target).",
        subcommands = {CloudAccountsCommand.ListAccounts.class, CloudAccountsCommand.GetAccount.class,
                CloudAccountsCommand.CreateAccount.class, CloudAccountsCommand.DeleteAccount.class})
public final class CloudAccountsCommand {

    static final List<Column<CloudAccount>> COLUMNS = List.of(Column.of("name", CloudAccount::getName),
            Column.of("provider", CloudAccount::getProvider), Column.of("regions", CloudAccount::getRegions),
            Column.of("credentials", CloudAccount::getCredentials), Column.of("catalogue", CloudAccount::getCatalogueSource));

    @Command(name = "list", description = "List cloud accounts.")
    static final class ListAccounts extends BerthCommand {
        @Option(names = "--page-size")
        Integer pageSize;

        @Option(names = "--page-token")
        String pageToken;

        @Override
        protected ExitCode run() throws ApiException {
            CloudAccountPage page = new AdminCloudAccountsApi(api()).listCloudAccounts(pageSize, pageToken);
            printer().list(page, COLUMNS, page.getItems());
            return ExitCode.OK;
        }
    }

    @Command(name = "get", description = "Show a cloud account.")
    static final class GetAccount extends BerthCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminCloudAccountsApi(api()).getCloudAccount(name), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Add a cloud account from a YAML/JSON file (the API's CloudAccountCreate).")
    static final class CreateAccount extends BerthCommand {
        @Option(names = {"-f", "--file"}, required = true)
        Path file;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminCloudAccountsApi(api()).createCloudAccount(InputFiles.read(file, CloudAccountCreate.class)),
                    COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Remove a cloud account.")
    static final class DeleteAccount extends BerthCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        protected ExitCode run() throws ApiException {
            new AdminCloudAccountsApi(api()).deleteCloudAccount(name);
            return ExitCode.OK;
        }
    }
}
