package dev.berth.cli.admin;

import java.nio.file.Path;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.InputFiles;
import dev.berth.cli.account.QuotaCommand;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.AdminQuotasApi;
import dev.berth.sdk.model.Quota;
import dev.berth.sdk.model.QuotaLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth admin quota get|set TENANT}. */
@Command(name = "quota", description = "A tenant's quota.",
        subcommands = {TenantQuotaCommand.GetQuota.class, TenantQuotaCommand.SetQuota.class})
public final class TenantQuotaCommand {

    @Command(name = "get", description = "Show a tenant's limits and usage.")
    static final class GetQuota extends BerthCommand {
        @Parameters(paramLabel = "TENANT")
        String tenant;

        @Override
        protected ExitCode run() throws ApiException {
            Quota quota = new AdminQuotasApi(api()).getTenantQuota(tenant);
            printer().list(quota, QuotaCommand.COLUMNS, QuotaCommand.rows(quota));
            return ExitCode.OK;
        }
    }

    @Command(name = "set", description = "Set a tenant's limits from a YAML/JSON file (the API's QuotaLimits).")
    static final class SetQuota extends BerthCommand {
        @Parameters(paramLabel = "TENANT")
        String tenant;

        @Option(names = {"-f", "--file"}, required = true)
        Path file;

        @Override
        protected ExitCode run() throws ApiException {
            Quota quota = new AdminQuotasApi(api()).setTenantQuota(tenant, InputFiles.read(file, QuotaLimits.class));
            printer().list(quota, QuotaCommand.COLUMNS, QuotaCommand.rows(quota));
            return ExitCode.OK;
        }
    }
}
