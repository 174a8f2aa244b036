package dev.berth.broker.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A usage report as RFC 4180 CSV: a header row, one row per group, CRLF line ends, fields
 * quoted when they hold a comma, quote or line break (quotes doubled). Columns are the
 * grouped dimensions in {@link UsageDimension} order (a host is two columns, id then name),
 * then the figures — the same order for the same grouping, whatever order was asked.
 */
public final class UsageCsv {

    public static final String MEDIA_TYPE = "text/csv";

    private static final String CRLF = "\r\n";

    private record Column(String name, Function<UsageRow, Object> value) {
    }

    private UsageCsv() {
    }

    public static String write(UsageReport report) {
        List<Column> columns = columns(report);
        StringBuilder out = new StringBuilder();
        line(out, columns.stream().map(Column::name).toList());
        for (UsageRow row : report.rows()) {
            line(out, columns.stream().map(c -> c.value().apply(row)).map(v -> v == null ? "" : v.toString()).toList());
        }
        return out.toString();
    }

    private static List<Column> columns(UsageReport report) {
        List<Column> columns = new ArrayList<>();
        for (UsageDimension d : report.groupBy()) {
            switch (d) {
                case TENANT -> columns.add(new Column("tenant", UsageRow::tenant));
                case KIND -> columns.add(new Column("kind", UsageRow::kind));
                case PROVIDER_CLASS -> columns.add(new Column("providerClass", UsageRow::providerClass));
                case HOST -> {
                    columns.add(new Column("hostId", UsageRow::hostId));
                    columns.add(new Column("host", UsageRow::host));
                }
                case DAY -> columns.add(new Column("day", UsageRow::day));
            }
        }
        columns.add(new Column("vcpuHours", r -> r.figures().vcpuHours().toPlainString()));
        columns.add(new Column("memoryGiBHours", r -> r.figures().memoryGiBHours().toPlainString()));
        columns.add(new Column("diskGiBHours", r -> r.figures().diskGiBHours().toPlainString()));
        columns.add(new Column("instanceHours", r -> r.figures().instanceHours().toPlainString()));
        columns.add(new Column("cost", r -> r.figures().cost().toPlainString()));
        return columns;
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(CRLF);
    }

    static String field(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
