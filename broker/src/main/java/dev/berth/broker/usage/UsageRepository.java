package dev.berth.broker.usage;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sums usage intervals over a window in the database. Each interval is clipped to every
 * bucket it overlaps (the window, or each UTC day of it); an interval still open counts up
 * to {@code now}, never beyond. All arithmetic is exact {@code numeric}.
 */
@ApplicationScoped
public class UsageRepository {

    /** Per dimension, the columns it groups by; fixed text, so the dynamic SQL below takes no input. */
    private static String columns(UsageDimension d) {
        return switch (d) {
            case TENANT -> "tenant";
            case KIND -> "kind";
            case PROVIDER_CLASS -> "provider_class";
            case HOST -> "host_name, host_id";
            case DAY -> "day";
        };
    }

    public List<UsageRow> sum(Connection c, UsageQuery q, Instant now) throws SQLException {
        List<String> groupColumns = q.groupBy().stream().map(UsageRepository::columns).toList();
        String keys = String.join(", ", groupColumns);
        String sql = """
                WITH bucket AS (
                    SELECT d::date AS day, s::timestamptz AS b_start, e::timestamptz AS b_end
                    FROM unnest(?::text[], ?::text[], ?::text[]) AS b (d, s, e)
                ), clipped AS (
                    SELECT u.tenant, u.kind, u.provider_class, u.host_id, u.host_name, b.day,
                           u.milli_cpu, u.memory_mib, u.disk_gib, u.price_vcpu_hour, u.price_memory_gib_hour,
                           extract(epoch FROM least(coalesce(u.ended_at, ?), b.b_end)
                                              - greatest(u.started_at, b.b_start)) AS secs
                    FROM usage_interval u
                    JOIN bucket b ON u.started_at < b.b_end AND (u.ended_at IS NULL OR u.ended_at > b.b_start)
                    WHERE u.started_at < ? AND (u.ended_at IS NULL OR u.ended_at > ?) AND (?::text IS NULL OR u.tenant = ?)
                )
                SELECT %s
                       sum(secs * milli_cpu) / 3600000,
                       sum(secs * memory_mib) / 3686400,
                       sum(secs * disk_gib) / 3600,
                       sum(secs) / 3600,
                       sum(secs * milli_cpu * price_vcpu_hour) / 3600000
                           + sum(secs * memory_mib * price_memory_gib_hour) / 3686400
                FROM clipped
                WHERE secs > 0
                %s""".formatted(keys.isEmpty() ? "" : keys + ",",
                keys.isEmpty() ? "" : "GROUP BY " + keys + " ORDER BY " + keys);
        List<UsageQuery.Bucket> buckets = q.buckets();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, texts(c, buckets.stream().map(b -> b.day() == null ? null : b.day().toString()).toList()));
            ps.setArray(2, texts(c, buckets.stream().map(b -> b.start().toString()).toList()));
            ps.setArray(3, texts(c, buckets.stream().map(b -> b.end().toString()).toList()));
            ps.setObject(4, utc(now));
            ps.setObject(5, utc(q.to()));
            ps.setObject(6, utc(q.from()));
            ps.setString(7, q.tenant().orElse(null));
            ps.setString(8, q.tenant().orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                List<UsageRow> rows = new ArrayList<>();
                while (rs.next()) {
                    read(rs, q).ifPresent(rows::add);
                }
                return rows;
            }
        }
    }

    private static java.util.Optional<UsageRow> read(ResultSet rs, UsageQuery q) throws SQLException {
        int i = 1;
        String tenant = null;
        String kind = null;
        String providerClass = null;
        String host = null;
        UUID hostId = null;
        LocalDate day = null;
        for (UsageDimension d : q.groupBy()) {
            switch (d) {
                case TENANT -> tenant = rs.getString(i++);
                case KIND -> kind = rs.getString(i++);
                case PROVIDER_CLASS -> providerClass = rs.getString(i++);
                case HOST -> {
                    host = rs.getString(i++);
                    hostId = rs.getObject(i++, UUID.class);
                }
                case DAY -> day = rs.getObject(i++, LocalDate.class);
            }
        }
        BigDecimal vcpu = rs.getBigDecimal(i++);
        if (vcpu == null) {
            return java.util.Optional.empty(); // ungrouped and nothing in the window
        }
        UsageFigures figures = new UsageFigures(vcpu, rs.getBigDecimal(i++), rs.getBigDecimal(i++), rs.getBigDecimal(i++),
                rs.getBigDecimal(i));
        return java.util.Optional.of(new UsageRow(tenant, kind, providerClass, hostId, host, day, figures));
    }

    private static Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
