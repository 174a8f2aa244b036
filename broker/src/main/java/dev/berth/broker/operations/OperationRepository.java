package dev.berth.broker.operations;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.db.Json;
import dev.berth.provider.spi.Progress;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL for the {@code operation} table, including the worker's claims: short leases, renewed, fenced by a token. */
@ApplicationScoped
public class OperationRepository {

    private static final String COLUMNS = "id, tenant, workload_id, type, status, attempts, error::text, created_at, "
            + "started_at, finished_at, updated_at, snapshot_name, claim_token, progress::text";

    public void insert(Connection c, Operation op) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO operation (id, tenant, workload_id, type, status, snapshot_name)
                VALUES (?, ?, ?, ?, 'PENDING', ?)""")) {
            ps.setObject(1, op.id());
            ps.setString(2, op.tenant());
            ps.setObject(3, op.workloadId());
            ps.setString(4, op.type().name());
            ps.setString(5, op.snapshotName());
            ps.executeUpdate();
        }
    }

    /** Queues an operation that becomes runnable only after {@code delay} (the reconciler's restart backoff). */
    public void insert(Connection c, Operation op, Duration delay) throws SQLException {
        insert(c, op);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE operation SET next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?")) {
            ps.setDouble(1, delay.toMillis() / 1000.0);
            ps.setObject(2, op.id());
            ps.executeUpdate();
        }
    }

    /** The tenant's operation; another tenant's id is simply not found. */
    public Optional<Operation> find(Connection c, String tenant, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operation WHERE id = ? AND tenant = ?")) {
            ps.setObject(1, id);
            ps.setString(2, tenant);
            return one(ps);
        }
    }

    /**
     * Leases the oldest runnable operation: PENDING and due, or RUNNING whose lease expired
     * (its broker died or stopped renewing). An operation waits while an older one of the same
     * workload is unfinished, so a workload's operations run in the order they were accepted.
     * {@code SKIP LOCKED} lets any number of brokers claim concurrently without blocking.
     * Every claim counts as an attempt and carries a fresh {@code token}, which fences every
     * later write of this claim.
     */
    public Optional<Operation> claimNext(Connection c, Duration lease, UUID token, String replica) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE operation SET status = 'RUNNING', attempts = attempts + 1, claim_token = ?, claimed_by = ?,
                       lease_until = now() + make_interval(secs => ?), started_at = coalesce(started_at, now()),
                       updated_at = now()
                WHERE id = (
                    SELECT o.id FROM operation o
                    WHERE ((o.status = 'PENDING' AND o.next_attempt_at <= now())
                           OR (o.status = 'RUNNING' AND o.lease_until < now()))
                      AND NOT EXISTS (SELECT 1 FROM operation p
                                      WHERE p.workload_id = o.workload_id AND p.status IN ('PENDING', 'RUNNING')
                                        AND (p.created_at, p.id) < (o.created_at, o.id))
                    ORDER BY o.created_at, o.id
                    FOR UPDATE SKIP LOCKED
                    LIMIT 1)
                RETURNING\s""" + COLUMNS)) {
            ps.setObject(1, token);
            ps.setString(2, replica);
            ps.setDouble(3, seconds(lease));
            return one(ps);
        }
    }

    /**
     * The heartbeat: extends the leases of the claims this replica still holds.
     *
     * @return the tokens still on their operation — renewed, or just finished under that claim;
     *         a token missing was taken over by another replica (or handed back)
     */
    public Set<UUID> renew(Connection c, Collection<UUID> tokens, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH renewed AS (
                    UPDATE operation SET lease_until = now() + make_interval(secs => ?)
                    WHERE claim_token = ANY (?) AND status = 'RUNNING'
                    RETURNING claim_token)
                SELECT claim_token FROM renewed
                UNION
                SELECT claim_token FROM operation WHERE claim_token = ANY (?)""")) {
            Array array = c.createArrayOf("uuid", tokens.toArray());
            ps.setDouble(1, seconds(lease));
            ps.setArray(2, array);
            ps.setArray(3, array);
            Set<UUID> ours = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ours.add(rs.getObject(1, UUID.class));
                }
            }
            return ours;
        }
    }

    /**
     * Gives claims back to the queue at once (graceful shutdown): runnable by any replica now,
     * and the hand-back does not count as an attempt. Their holders are fenced out.
     */
    public int handBack(Connection c, Collection<UUID> tokens) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE operation SET status = 'PENDING', attempts = greatest(attempts - 1, 0), claim_token = NULL,
                       claimed_by = NULL, lease_until = NULL, next_attempt_at = now(), updated_at = now()
                WHERE claim_token = ANY (?) AND status = 'RUNNING'""")) {
            ps.setArray(1, c.createArrayOf("uuid", tokens.toArray()));
            return ps.executeUpdate();
        }
    }

    /**
     * Finishes an operation this worker still holds: the claim token fences out a worker whose
     * lease expired and was taken over. Returns false if it no longer holds it. The token stays
     * on the finished row, so the heartbeat can tell "finished by us" from "taken over".
     */
    public boolean finish(Connection c, Operation op, OperationStatus status, String errorJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE operation SET status = ?, error = ?::jsonb, finished_at = now(), lease_until = NULL,
                       updated_at = now()
                WHERE id = ? AND status = 'RUNNING' AND claim_token = ?""")) {
            ps.setString(1, status.name());
            ps.setString(2, errorJson);
            ps.setObject(3, op.id());
            ps.setObject(4, op.claimToken());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Puts a held operation back in the queue after {@code delay}: after a transient failure,
     * or after an attempt that crashed (the attempt still counts).
     */
    public boolean retryLater(Connection c, Operation op, Duration delay, String errorJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE operation SET status = 'PENDING', error = ?::jsonb, lease_until = NULL, claim_token = NULL,
                       claimed_by = NULL, next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
                WHERE id = ? AND status = 'RUNNING' AND claim_token = ?""")) {
            ps.setString(1, errorJson);
            ps.setDouble(2, seconds(delay));
            ps.setObject(3, op.id());
            ps.setObject(4, op.claimToken());
            return ps.executeUpdate() == 1;
        }
    }

    /** Records what a held operation is doing now; false if the claim is no longer ours (nothing written). */
    public boolean setProgress(Connection c, Operation op, Progress progress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE operation SET progress = ?::jsonb, updated_at = now()
                WHERE id = ? AND status = 'RUNNING' AND claim_token = ?""")) {
            ps.setString(1, Json.write(progress));
            ps.setObject(2, op.id());
            ps.setObject(3, op.claimToken());
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether {@code op}'s claim is still the one on the row (checked before undoing provider work). */
    public boolean holds(Connection c, Operation op) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM operation WHERE id = ? AND status = 'RUNNING' AND claim_token = ?")) {
            ps.setObject(1, op.id());
            ps.setObject(2, op.claimToken());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public boolean hasUnfinished(Connection c, UUID workloadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM operation WHERE workload_id = ? AND status IN ('PENDING', 'RUNNING') LIMIT 1")) {
            ps.setObject(1, workloadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Optional<Operation> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Operation(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                    OperationType.valueOf(rs.getString(4)), OperationStatus.valueOf(rs.getString(5)), rs.getInt(6),
                    rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class),
                    rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class), rs.getString(12),
                    rs.getObject(13, UUID.class), rs.getString(14) == null ? null : Json.read(rs.getString(14), Progress.class)));
        }
    }
}
