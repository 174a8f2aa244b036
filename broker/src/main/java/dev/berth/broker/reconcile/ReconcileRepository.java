package dev.berth.broker.reconcile;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.db.Json;
import dev.berth.broker.workloads.Workload;
import dev.berth.broker.workloads.WorkloadRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL of the reconciler: what a pass reads (few statements whatever the host's size), findings, passes, ownership. */
@ApplicationScoped
public class ReconcileRepository {

    @jakarta.inject.Inject
    WorkloadRepository workloadRows;


    OffsetDateTime now(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT now()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    /** The host's workloads that are not DELETED or FAILED. */
    List<Workload> liveOnHost(Connection c, UUID hostId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + WorkloadRepository.columns()
                + " FROM workload WHERE host_id = ? AND status NOT IN ('DELETED', 'FAILED')")) {
            ps.setObject(1, hostId);
            return workloads(ps);
        }
    }

    /** Workloads of the host with a PENDING or RUNNING operation. */
    Set<UUID> busyOnHost(Connection c, UUID hostId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT o.workload_id FROM operation o JOIN workload w ON w.id = o.workload_id
                WHERE w.host_id = ? AND o.status IN ('PENDING', 'RUNNING')""")) {
            ps.setObject(1, hostId);
            Set<UUID> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** Rows of the given ids, wherever they are and whatever their status. */
    Map<UUID, Workload> byIds(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, Workload> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + WorkloadRepository.columns()
                + " FROM workload WHERE id = ANY (?)")) {
            ps.setArray(1, uuids(c, ids));
            for (Workload w : workloads(ps)) {
                rows.put(w.id(), w);
            }
        }
        return rows;
    }

    /** Whether the workload has a PENDING or RUNNING operation (checked again under the row lock). */
    boolean busy(Connection c, UUID workloadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM operation WHERE workload_id = ? AND status IN ('PENDING', 'RUNNING') LIMIT 1")) {
            ps.setObject(1, workloadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Berth's restart bookkeeping after an exit or a loss. */
    void recordRestart(Connection c, UUID workloadId, int restartCount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE workload SET restart_count = ?, last_restart_at = now() WHERE id = ?")) {
            ps.setInt(1, restartCount);
            ps.setObject(2, workloadId);
            ps.executeUpdate();
        }
    }

    void resetRestarts(Connection c, UUID workloadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workload SET restart_count = 0 WHERE id = ?")) {
            ps.setObject(1, workloadId);
            ps.executeUpdate();
        }
    }

    void settleStopped(Connection c, UUID workloadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workload SET desired_state = 'STOPPED' WHERE id = ?")) {
            ps.setObject(1, workloadId);
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- findings

    /** When a finding was first seen, and whether that is this pass (new, or back after being resolved). */
    record Seen(OffsetDateTime firstSeenAt, boolean fresh) {
    }

    /** A finding seen in this pass. */
    Seen seen(Connection c, UUID hostId, UUID workloadId, FindingKind kind, String tenant, String handle,
                        String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO reconcile_finding AS f (host_id, workload_id, kind, tenant, handle, detail)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (host_id, workload_id, kind) DO UPDATE SET
                    tenant = EXCLUDED.tenant, handle = EXCLUDED.handle, detail = EXCLUDED.detail, last_seen_at = now(),
                    first_seen_at = CASE WHEN f.resolved_at IS NULL THEN f.first_seen_at ELSE now() END,
                    resolved_at = NULL
                RETURNING first_seen_at, first_seen_at = now()""")) {
            ps.setObject(1, hostId);
            ps.setObject(2, workloadId);
            ps.setString(3, kind.name());
            ps.setString(4, tenant);
            ps.setString(5, handle);
            ps.setString(6, detail);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Seen(rs.getObject(1, OffsetDateTime.class), rs.getBoolean(2));
            }
        }
    }

    /** Resolves the host's open findings of {@code kind} that this pass did not see again. */
    void resolveUnseen(Connection c, UUID hostId, FindingKind kind, Collection<UUID> seen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE reconcile_finding SET resolved_at = now()
                WHERE host_id = ? AND kind = ? AND resolved_at IS NULL AND NOT (workload_id = ANY (?))""")) {
            ps.setObject(1, hostId);
            ps.setString(2, kind.name());
            ps.setArray(3, uuids(c, seen));
            ps.executeUpdate();
        }
    }

    void resolve(Connection c, UUID hostId, UUID workloadId, FindingKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE reconcile_finding SET resolved_at = now()
                WHERE host_id = ? AND workload_id = ? AND kind = ? AND resolved_at IS NULL""")) {
            ps.setObject(1, hostId);
            ps.setObject(2, workloadId);
            ps.setString(3, kind.name());
            ps.executeUpdate();
        }
    }

    /** Open findings, every host, oldest first. */
    List<Finding> openFindings(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT host_id, workload_id, kind, tenant, handle, detail, first_seen_at, last_seen_at
                FROM reconcile_finding WHERE resolved_at IS NULL ORDER BY first_seen_at, workload_id""")) {
            List<Finding> findings = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    findings.add(new Finding(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            FindingKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class)));
                }
            }
            return findings;
        }
    }

    // ---------------------------------------------------------------- passes

    void recordPass(Connection c, PassReport pass) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO reconcile_pass (host_id, replica, trigger, started_at, duration_ms, observed, findings, error)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (host_id) DO UPDATE SET replica = EXCLUDED.replica, trigger = EXCLUDED.trigger,
                    started_at = EXCLUDED.started_at, duration_ms = EXCLUDED.duration_ms, observed = EXCLUDED.observed,
                    findings = EXCLUDED.findings, error = EXCLUDED.error""")) {
            ps.setObject(1, pass.hostId());
            ps.setString(2, pass.replica());
            ps.setString(3, pass.trigger().name());
            ps.setObject(4, pass.startedAt());
            ps.setLong(5, pass.duration().toMillis());
            ps.setInt(6, pass.observed());
            ps.setString(7, Json.write(pass.findings()));
            ps.setString(8, pass.error());
            ps.executeUpdate();
        }
    }

    /** Every host with its last pass (if any) and current owner (if any), by host name. */
    List<HostReconcileState> hostStates(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT h.id, h.name, p.replica, p.trigger, p.started_at, p.duration_ms, p.observed, p.findings::text,
                       p.error, o.owner, o.lease_until
                FROM host h LEFT JOIN reconcile_pass p ON p.host_id = h.id LEFT JOIN reconcile_owner o ON o.host_id = h.id
                ORDER BY h.name, h.id""")) {
            List<HostReconcileState> states = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID hostId = rs.getObject(1, UUID.class);
                    Optional<PassReport> pass = rs.getString(3) == null ? Optional.empty() : Optional.of(new PassReport(
                            hostId, rs.getString(2), rs.getString(3), PassReport.Trigger.valueOf(rs.getString(4)),
                            rs.getObject(5, OffsetDateTime.class), Duration.ofMillis(rs.getLong(6)), rs.getInt(7),
                            PassReport.counts(Json.objectMap(rs.getString(8))), rs.getString(9)));
                    states.add(new HostReconcileState(hostId, rs.getString(2), pass, Optional.ofNullable(rs.getString(10)),
                            Optional.ofNullable(rs.getObject(11, OffsetDateTime.class))));
                }
            }
            return states;
        }
    }

    // ---------------------------------------------------------------- ownership

    /**
     * Takes or renews this replica's ownership of the host: succeeds if nobody owns it, this
     * replica does, or the owner's lease has run out (its replica died or left).
     */
    boolean claim(Connection c, UUID hostId, String replica, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO reconcile_owner AS o (host_id, owner, lease_until)
                VALUES (?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (host_id) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
                WHERE o.owner = EXCLUDED.owner OR o.lease_until < now()
                RETURNING owner""")) {
            ps.setObject(1, hostId);
            ps.setString(2, replica);
            ps.setDouble(3, lease.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Hands this replica's hosts back at once (graceful shutdown). */
    void releaseAll(Connection c, String replica) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM reconcile_owner WHERE owner = ?")) {
            ps.setString(1, replica);
            ps.executeUpdate();
        }
    }

    /**
     * A session advisory lock on the host's pass, held on the pass's own connection: at most one pass of a host runs
     * at a time across replicas (an admin's pass and the owner's periodic one included).
     */
    boolean tryLockPass(Connection c, UUID hostId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, PASS_LOCK_SPACE);
            ps.setInt(2, hostId.hashCode());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    void unlockPass(Connection c, UUID hostId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, PASS_LOCK_SPACE);
            ps.setInt(2, hostId.hashCode());
            ps.executeQuery().close();
        }
    }

    /** First key of the two-key advisory locks of reconcile passes (the second is the host id's hash). */
    private static final int PASS_LOCK_SPACE = 0x62657274; // "bert"

    private List<Workload> workloads(PreparedStatement ps) throws SQLException {
        List<Workload> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(workloadRows.readRow(rs));
            }
        }
        return out;
    }

    private static Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
