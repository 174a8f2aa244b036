package dev.berth.cli.account;

import java.util.List;
import java.util.function.Function;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.QuotaApi;
import dev.berth.sdk.model.Quota;
import dev.berth.sdk.model.QuotaLimits;
import picocli.CommandLine.Command;

/** {@code berth quota}: the caller's tenant limits and usage, one row per resource. */
@Command(name = "quota", description = "Show the tenant's quota limits and usage.")
public final class QuotaCommand extends BerthCommand {

    /** One resource's limit and usage, the row of the quota table. */
    public record QuotaRow(String resource, Object limit, Object used) {
    }

    @Override
    protected ExitCode run() throws ApiException {
        Quota quota = new QuotaApi(api()).getQuota();
        printer().list(quota, COLUMNS, rows(quota));
        return ExitCode.OK;
    }

    public static final List<Column<QuotaRow>> COLUMNS = List.of(Column.of("resource", QuotaRow::resource),
            Column.of("limit", QuotaRow::limit), Column.of("used", QuotaRow::used));

    public static List<QuotaRow> rows(Quota quota) {
        return List.of(row("vcpu", quota, QuotaLimits::getVcpu), row("memoryMiB", quota, QuotaLimits::getMemoryMiB),
                row("diskGiB", quota, QuotaLimits::getDiskGiB), row("instances", quota, QuotaLimits::getInstances),
                row("snapshots", quota, QuotaLimits::getSnapshots),
                row("monthlyBudget", quota, QuotaLimits::getMonthlyBudget));
    }

    private static QuotaRow row(String name, Quota quota, Function<QuotaLimits, ?> field) {
        return new QuotaRow(name, quota.getLimits() == null ? null : field.apply(quota.getLimits()),
                quota.getUsage() == null ? null : field.apply(quota.getUsage()));
    }
}
