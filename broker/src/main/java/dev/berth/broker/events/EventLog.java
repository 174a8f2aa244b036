package dev.berth.broker.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.db.Json;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The append-only audit trail: who did what to which workload, and every decision taken on
 * the way (quota, placement, provider results). Appended in the transaction of the change
 * it describes, so the trail never disagrees with the state.
 */
@ApplicationScoped
public class EventLog {

    /** The actor of events the broker raises on its own (worker, prober). */
    public static final String SYSTEM = "system:berth";

    /**
     * The PostgreSQL notification channel raised with every appended event (payload: the
     * tenant). PostgreSQL delivers it only when the appending transaction commits, to every
     * replica's listener ({@code events.watch.EventNotifications}); it is a wake-up only, the
     * table stays the source watches read from.
     */
    public static final String CHANNEL = "berth_events";

    private static final String COLUMNS = "id, tenant, workload_id, operation_id, actor, type, message, data::text, created_at";

    public void append(Connection c, String tenant, UUID workloadId, UUID operationId, String actor, String type,
                       String message, Map<String, ?> data) throws SQLException {
        // The notify rides in the same statement, hence the same transaction, as the insert.
        try (PreparedStatement ps = c.prepareStatement("""
                WITH appended AS (
                    INSERT INTO event (tenant, workload_id, operation_id, actor, type, message, data)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING tenant)
                SELECT pg_notify('""" + CHANNEL + "', tenant) FROM appended")) {
            ps.setString(1, tenant);
            ps.setObject(2, workloadId);
            ps.setObject(3, operationId);
            ps.setString(4, actor);
            ps.setString(5, type);
            ps.setString(6, message);
            ps.setString(7, Json.write(data == null ? Map.of() : data));
            ps.executeQuery().close();
        }
    }

    /** Events of one workload, oldest first, after event id {@code afterId}. */
    public List<Event> forWorkload(Connection c, UUID workloadId, long afterId, int limit) throws SQLException {
        return since(c, EventScope.workload(workloadId), afterId, limit);
    }

    /** Events in {@code scope}, oldest first, after event id {@code afterId}: the list and the watch both read this. */
    public List<Event> since(Connection c, EventScope scope, long afterId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM event WHERE id > ?");
        scope.tenant().ifPresent(t -> sql.append(" AND tenant = ?"));
        scope.workloadId().ifPresent(w -> sql.append(" AND workload_id = ?"));
        sql.append(" ORDER BY id LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, afterId);
            if (scope.tenant().isPresent()) {
                ps.setString(i++, scope.tenant().get());
            }
            if (scope.workloadId().isPresent()) {
                ps.setObject(i++, scope.workloadId().get());
            }
            ps.setInt(i, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            Json.objectMap(rs.getString(8)), rs.getObject(9, OffsetDateTime.class)));
                }
            }
            return events;
        }
    }

    /**
     * The watch read: events of {@code scope} after {@code from} in (transaction, id) order, only
     * of transactions older than every transaction still running, so no event can later appear
     * behind the returned position (see V18__event_watch_order.sql). {@code pending} says that
     * committed events of the scope wait behind a running transaction: read again soon, as their
     * release raises no notification of its own.
     */
    public WatchRead after(Connection c, EventScope scope, WatchPosition from, int limit) throws SQLException {
        String filter = scopeFilter(scope);
        List<Event> events = new ArrayList<>();
        WatchPosition last = from;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", txid::text FROM event"
                + " WHERE (txid, id) > (CAST(? AS text)::xid8, ?) AND txid < pg_snapshot_xmin(pg_current_snapshot())"
                + filter + " ORDER BY txid, id LIMIT ?")) {
            int i = 1;
            ps.setString(i++, Long.toString(from.txid()));
            ps.setLong(i++, from.id());
            i = bindScope(ps, i, scope);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            Json.objectMap(rs.getString(8)), rs.getObject(9, OffsetDateTime.class)));
                    last = new WatchPosition(Long.parseLong(rs.getString(10)), rs.getLong(1));
                }
            }
        }
        boolean pending = false;
        if (events.size() < limit) {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM event"
                    + " WHERE (txid, id) > (CAST(? AS text)::xid8, ?) AND txid >= pg_snapshot_xmin(pg_current_snapshot())"
                    + filter + ")")) {
                int i = 1;
                ps.setString(i++, Long.toString(last.txid()));
                ps.setLong(i++, last.id());
                bindScope(ps, i, scope);
                try (ResultSet rs = ps.executeQuery()) {
                    pending = rs.next() && rs.getBoolean(1);
                }
            }
        }
        return new WatchRead(events, last, pending);
    }

    /** The watch position of event {@code id} of {@code scope}, to resume after it; empty if there is none such. */
    public java.util.Optional<WatchPosition> positionOf(Connection c, EventScope scope, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT txid::text FROM event WHERE id = ?" + scopeFilter(scope))) {
            bindScope(ps, 2, scope);
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(new WatchPosition(Long.parseLong(rs.getString(1)), id))
                        : java.util.Optional.empty();
            }
        }
    }

    private static String scopeFilter(EventScope scope) {
        return (scope.tenant().isPresent() ? " AND tenant = ?" : "") + (scope.workloadId().isPresent() ? " AND workload_id = ?" : "");
    }

    private static int bindScope(PreparedStatement ps, int index, EventScope scope) throws SQLException {
        int i = index;
        if (scope.tenant().isPresent()) {
            ps.setString(i++, scope.tenant().get());
        }
        if (scope.workloadId().isPresent()) {
            ps.setObject(i++, scope.workloadId().get());
        }
        return i;
    }

    /** Whether workload {@code id} exists in {@code tenant} (a foreign or unknown one reads the same). */
    public boolean workloadOf(Connection c, String tenant, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM workload WHERE id = ? AND tenant = ?")) {
            ps.setObject(1, id);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
