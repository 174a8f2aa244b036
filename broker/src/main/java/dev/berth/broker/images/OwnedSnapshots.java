package dev.berth.broker.images;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Berth's own snapshot records, read for resolution: a snapshot is found only when both the
 * snapshot row and its workload belong to the caller's tenant — another tenant's snapshot
 * and a missing one look the same. Reads the snapshots' and workloads' tables directly (one
 * join) so that this package depends on neither capability.
 */
@ApplicationScoped
public class OwnedSnapshots {

    /** A live snapshot of a workload of the tenant, with where and as what that workload ran. */
    public record Found(String status, WorkloadKind kind, UUID hostId) {
    }

    public Optional<Found> find(Connection c, String tenant, UUID workloadId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.status, w.kind, w.host_id FROM snapshot s JOIN workload w ON w.id = s.workload_id
                WHERE s.workload_id = ? AND s.name = ? AND s.tenant = ? AND w.tenant = ?
                  AND s.status NOT IN ('DELETED', 'FAILED')""")) {
            ps.setObject(1, workloadId);
            ps.setString(2, name);
            ps.setString(3, tenant);
            ps.setString(4, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Found(rs.getString(1), WorkloadKind.valueOf(rs.getString(2)),
                        rs.getObject(3, UUID.class))) : Optional.empty();
            }
        }
    }
}
