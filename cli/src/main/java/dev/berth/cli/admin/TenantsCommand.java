package dev.berth.cli.admin;

import java.nio.file.Path;
import java.util.List;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.InputFiles;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.AdminTenantsApi;
import dev.berth.sdk.model.Tenant;
import dev.berth.sdk.model.TenantCreate;
import dev.berth.sdk.model.TenantPage;
import dev.berth.sdk.model.TenantStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth admin tenants list|get|create|suspend|resume}. */
@Command(name = "tenants", description = "Tenant onboarding.",
        subcommands = {TenantsCommand.ListTenants.class, TenantsCommand.GetTenant.class, TenantsCommand.CreateTenant.class,
                TenantsCommand.Suspend.class, TenantsCommand.Resume.class})
public final class TenantsCommand {

    static final List<Column<Tenant>> COLUMNS = List.of(Column.of("slug", Tenant::getSlug),
            Column.of("displayName", Tenant::getDisplayName), Column.of("status", Tenant::getStatus),
            Column.of("labels", Tenant::getLabels), Column.of("reason", Tenant::getStatusReason));

    @Command(name = "list", description = "List tenants.")
    static final class ListTenants extends BerthCommand {
        @Option(names = "--status")
        TenantStatus status;

        @Option(names = "--page-size")
        Integer pageSize;

        @Option(names = "--page-token")
        String pageToken;

        @Override
        protected ExitCode run() throws ApiException {
            TenantPage page = new AdminTenantsApi(api()).listTenants(status, pageSize, pageToken);
            printer().list(page, COLUMNS, page.getItems());
            return ExitCode.OK;
        }
    }

    @Command(name = "get", description = "Show a tenant.")
    static final class GetTenant extends BerthCommand {
        @Parameters(paramLabel = "SLUG")
        String slug;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminTenantsApi(api()).getTenant(slug), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Onboard a tenant from a YAML/JSON file (the API's TenantCreate); "
            + "the first admin's one-time password is printed once (use -o yaml).")
    static final class CreateTenant extends BerthCommand {
        @Option(names = {"-f", "--file"}, required = true)
        Path file;

        @Override
        protected ExitCode run() throws ApiException {
            printer().structured(new AdminTenantsApi(api()).createTenant(InputFiles.read(file, TenantCreate.class)));
            return ExitCode.OK;
        }
    }

    @Command(name = "suspend", description = "Suspend a tenant (reads and deletes still work).")
    static final class Suspend extends BerthCommand {
        @Parameters(paramLabel = "SLUG")
        String slug;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminTenantsApi(api()).suspendTenant(slug), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "resume", description = "Resume a suspended tenant.")
    static final class Resume extends BerthCommand {
        @Parameters(paramLabel = "SLUG")
        String slug;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminTenantsApi(api()).resumeTenant(slug), COLUMNS);
            return ExitCode.OK;
        }
    }
}
