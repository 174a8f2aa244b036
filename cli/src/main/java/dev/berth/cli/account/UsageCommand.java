package dev.berth.cli.account;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import dev.berth.cli.RawCalls;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.UsageApi;
import dev.berth.sdk.model.UsageGroup;
import dev.berth.sdk.model.UsageReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth usage}: resource-hours and cost of the caller's tenant (showback), as a table, JSON/YAML or the server's CSV. */
@Command(name = "usage", description = "Show usage and cost over a window (default: this month so far).")
public final class UsageCommand extends BerthCommand {

    @Option(names = "--from", description = "Window start, ISO-8601 (e.g. 2026-03-01T00:00:00Z).")
    OffsetDateTime from;

    @Option(names = "--to", description = "Window end, ISO-8601.")
    OffsetDateTime to;

    @Option(names = "--group-by", description = "Comma-separated dimensions, e.g. day or kind,host.")
    String groupBy;

    @Option(names = "--csv", description = "Print the server's CSV (RFC 4180) instead.")
    boolean csv;

    static final List<Column<UsageGroup>> COLUMNS = List.of(Column.of("tenant", UsageGroup::getTenant),
            Column.of("day", UsageGroup::getDay), Column.of("kind", UsageGroup::getKind), Column.of("host", UsageGroup::getHost),
            Column.of("vcpuHours", g -> g.getFigures().getVcpuHours()),
            Column.of("memoryGiBHours", g -> g.getFigures().getMemoryGiBHours()),
            Column.of("instanceHours", g -> g.getFigures().getInstanceHours()),
            Column.of("cost", g -> g.getFigures().getCost()));

    @Override
    protected ExitCode run() throws ApiException {
        if (csv) {
            try (InputStream in = RawCalls.get(api(), "/v1/usage" + query(), "text/csv").body()) {
                out().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                out().flush();
            } catch (IOException e) {
                throw new CliException(ExitCode.UNAVAILABLE, "usage CSV cut off: " + e.getMessage(), e);
            }
            return ExitCode.OK;
        }
        UsageReport report = new UsageApi(api()).getUsage(null, from, to, groupBy);
        List<UsageGroup> rows = new ArrayList<>(report.getGroups() == null ? List.of() : report.getGroups());
        rows.add(new UsageGroup().tenant("TOTAL").figures(report.getTotals()));
        printer().list(report, COLUMNS, rows);
        return ExitCode.OK;
    }

    private String query() {
        List<String> params = new ArrayList<>();
        if (from != null) {
            params.add("from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8));
        }
        if (to != null) {
            params.add("to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8));
        }
        if (groupBy != null) {
            params.add("groupBy=" + URLEncoder.encode(groupBy, StandardCharsets.UTF_8));
        }
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }
}
