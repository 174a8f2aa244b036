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

    public void append(Connection c, String tenant, UUID workloadId, UUID operationId, String actor, String type,
                       String message, Map<String, ?> data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO event (tenant, workload_id, operation_id, actor, type, message, data)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            ps.setString(1, tenant);
            ps.setObject(2, workloadId);
            ps.setObject(3, operationId);
            ps.setString(4, actor);
            ps.setString(5, type);
            ps.setString(6, message);
            ps.setString(7, Json.write(data == null ? Map.of() : data));
            ps.executeUpdate();
        }
    }

    /** Events of one workload, oldest first, after event id {@code afterId}. */
    public List<Event> forWorkload(Connection c, UUID workloadId, long afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, tenant, workload_id, operation_id, actor, type, message, data::text, created_at
                FROM event WHERE workload_id = ? AND id > ? ORDER BY id LIMIT ?""")) {
            ps.setObject(1, workloadId);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
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
}
