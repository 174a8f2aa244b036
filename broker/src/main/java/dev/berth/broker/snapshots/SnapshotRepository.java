package dev.berth.broker.snapshots;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** SQL for the {@code snapshot} table. */
@ApplicationScoped
public class SnapshotRepository {

    private static final String COLUMNS = "id, tenant, workload_id, name, status, detail, holds_quota, created_at";

    public void insert(Connection c, Snapshot s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO snapshot (id, tenant, workload_id, name, status) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, s.id());
            ps.setString(2, s.tenant());
            ps.setObject(3, s.workloadId());
            ps.setString(4, s.name());
            ps.setString(5, s.status().name());
            ps.executeUpdate();
        }
    }

    /** The live (not deleted or failed) snapshot of that name. */
    public Optional<Snapshot> findLive(Connection c, UUID workloadId, String name, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM snapshot WHERE workload_id = ? AND name = ?"
                + " AND status NOT IN ('DELETED', 'FAILED')" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setObject(1, workloadId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<Snapshot> live(Connection c, UUID workloadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM snapshot WHERE workload_id = ?"
                + " AND status NOT IN ('DELETED', 'FAILED') ORDER BY created_at, name")) {
            ps.setObject(1, workloadId);
            List<Snapshot> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    public void setStatus(Connection c, UUID id, Snapshot.Status status, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE snapshot SET status = ?, detail = coalesce(?, detail), updated_at = now() WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, detail);
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    /** Marks the quota of this snapshot released; true if it was held (so the caller releases exactly once). */
    public boolean releaseQuota(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE snapshot SET holds_quota = false WHERE id = ? AND holds_quota")) {
            ps.setObject(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static Snapshot read(ResultSet rs) throws SQLException {
        return new Snapshot(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                Snapshot.Status.valueOf(rs.getString(5)), rs.getString(6), rs.getBoolean(7),
                rs.getObject(8, OffsetDateTime.class));
    }
}
