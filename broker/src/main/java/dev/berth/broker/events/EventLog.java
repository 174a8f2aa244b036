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
