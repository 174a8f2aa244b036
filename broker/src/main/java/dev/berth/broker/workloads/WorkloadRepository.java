package dev.berth.broker.workloads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.db.Json;
import dev.berth.broker.db.PageToken;
import dev.berth.broker.images.ImageSourceKind;
import dev.berth.broker.images.StoredImages;
import dev.berth.placement.PlacementExplanation;
import dev.berth.broker.secrets.Envelopes;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.PullPolicy;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL for the {@code workload} table. Tenant-facing reads always filter by tenant. */
@ApplicationScoped
public class WorkloadRepository {

    private static final String COLUMNS = "id, tenant, name, kind, image, command::text, env::text, labels::text, "
            + "restart_policy, milli_cpu, memory_mib, disk_gib, status, status_reason, host_id, provider_handle, "
            + "holds_resources, created_at, updated_at, placement::text, kind_reason, isolation, vm::text, "
            + "monthly_cost_micros, burst::text, vm_user_data, image_source, image_resolved::text, observed_phase, observed_exit_code, "
            + "observed_detail, observed_started_at, observed_finished_at, observed_at, desired_state, restart_count, "
            + "last_exit_code, last_restart_at, pull_policy, image_digest";

    /** The {@code vm} column: VM settings without the user data, which has its own sealed column. */
    record StoredVm(String osFamily, boolean customKernel, List<String> sshKeys,
                    /** Only in rows written before V14 and not sealed yet ({@link UserDataSealing}). */
                    String userData) {
    }

    private final Envelopes envelopes;

    WorkloadRepository(Envelopes envelopes) {
        this.envelopes = envelopes;
    }

    public void insert(Connection c, Workload w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO workload (id, tenant, name, kind, image, command, env, labels, restart_policy,
                    milli_cpu, memory_mib, disk_gib, status, status_reason, host_id, holds_resources,
                    placement, placement_group, kind_reason, isolation, vm, monthly_cost_micros, burst, vm_user_data,
                    image_source, image_resolved, pull_policy)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?,
                        ?::jsonb, ?, ?, ?::jsonb, ?)""")) {
            ps.setObject(1, w.id());
            ps.setString(2, w.tenant());
            ps.setString(3, w.name());
            ps.setString(4, w.kind().name());
            ps.setString(5, w.image());
            ps.setString(6, Json.write(w.command()));
            ps.setString(7, Json.write(w.env()));
            ps.setString(8, Json.write(w.labels()));
            ps.setString(9, w.restartPolicy().name());
            ps.setLong(10, w.resources().milliCpu());
            ps.setLong(11, w.resources().memoryMiB());
            ps.setLong(12, w.resources().diskGiB());
            ps.setString(13, w.status().name());
            ps.setString(14, w.statusReason());
            ps.setObject(15, w.hostId());
            ps.setBoolean(16, w.holdsResources());
            ps.setString(17, Json.write(w.placement()));
            ps.setString(18, w.placement().group());
            ps.setString(19, w.kindReason());
            ps.setString(20, w.isolation().name());
            boolean vm = w.kind() == WorkloadKind.VM;
            ps.setString(21, vm ? Json.write(new StoredVm(w.vm().osFamily(), w.vm().customKernel(), w.vm().sshKeys(), null)) : null);
            ps.setLong(22, w.monthlyCostMicros());
            ps.setString(23, w.burst() == null ? null : Json.write(w.burst()));
            // Sealed for this workload's id: the envelope cannot be moved to another row.
            ps.setString(24, vm && w.vm().userData() != null ? w.vm().userData().sealFor(w.id(), envelopes) : null);
            ps.setString(25, ImageSourceKind.of(w.resolvedImage()).name());
            ps.setString(26, StoredImages.json(w.resolvedImage()));
            ps.setString(27, w.imagePull().policy().name());
            ps.executeUpdate();
        }
    }

    /** The tenant's workload; another tenant's id is simply not found. */
    public Optional<Workload> find(Connection c, String tenant, UUID id, boolean forUpdate) throws SQLException {
        requireTransaction(c, forUpdate);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM workload WHERE id = ? AND tenant = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setObject(1, id);
            ps.setString(2, tenant);
            return one(ps);
        }
    }

    /**
     * Locks the row until the caller's transaction ends, for the worker, which acts for
     * whichever tenant owns the operation. Refused on an auto-commit connection: there the lock
     * would end with the statement and protect nothing.
     */
    public Optional<Workload> lock(Connection c, UUID id) throws SQLException {
        requireTransaction(c, true);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workload WHERE id = ? FOR UPDATE")) {
            ps.setObject(1, id);
            return one(ps);
        }
    }

    /** Newest first; DELETED only when asked for by status. */
    public List<Workload> page(Connection c, String tenant, Optional<WorkloadStatus> status,
                               Optional<Map.Entry<String, String>> label, Optional<PageToken> after, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM workload WHERE tenant = ?");
        sql.append(status.isPresent() ? " AND status = ?" : " AND status <> 'DELETED'");
        label.ifPresent(l -> sql.append(" AND labels @> ?::jsonb"));
        after.ifPresent(a -> sql.append(" AND (created_at, id) < (?, ?)"));
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, tenant);
            if (status.isPresent()) {
                ps.setString(i++, status.get().name());
            }
            if (label.isPresent()) {
                ps.setString(i++, Json.write(Map.of(label.get().getKey(), label.get().getValue())));
            }
            if (after.isPresent()) {
                ps.setObject(i++, after.get().createdAt());
                ps.setObject(i++, after.get().id());
            }
            ps.setInt(i, limit);
            List<Workload> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /**
     * Moves the workload to {@code status}, except that a workload being deleted only moves on
     * to DELETED: an operation finishing after the delete was accepted — a start, restart or
     * restore reporting RUNNING, or a create failing to FAILED — must not take it out of
     * DELETING, or the queued delete would find it "not deleting" and the tenant's delete would
     * end in another state (with the container or VM possibly left behind).
     *
     * @return whether the row changed — callers record a status event only when it did
     */
    public boolean setStatus(Connection c, UUID id, WorkloadStatus status, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE workload SET status = ?, status_reason = ?, updated_at = now() WHERE id = ? "
                        + "AND (status <> 'DELETING' OR ? IN ('DELETING', 'DELETED'))")) {
            ps.setString(1, status.name());
            ps.setString(2, reason);
            ps.setObject(3, id);
            ps.setString(4, status.name());
            return ps.executeUpdate() == 1;
        }
    }

    public void setProviderHandle(Connection c, UUID id, String handle) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE workload SET provider_handle = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, handle);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    public void markReleased(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE workload SET holds_resources = false, updated_at = now() WHERE id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    private static void requireTransaction(Connection c, boolean locking) throws SQLException {
        if (locking && c.getAutoCommit()) {
            throw new IllegalStateException("a workload row lock outside a transaction locks nothing");
        }
    }

    private Optional<Workload> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private Workload read(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        return new Workload(
                id, rs.getString(2), rs.getString(3), WorkloadKind.valueOf(rs.getString(4)),
                rs.getString(21), Isolation.valueOf(rs.getString(22)),
                vm(id, rs.getString(23), rs.getString(26)),
                rs.getString(5), Json.stringList(rs.getString(6)), Json.stringMap(rs.getString(7)),
                Json.stringMap(rs.getString(8)), RestartPolicy.valueOf(rs.getString(9)),
                new Resources(rs.getLong(10), rs.getLong(11), rs.getLong(12)),
                Json.read(rs.getString(20), PlacementHints.class),
                WorkloadStatus.valueOf(rs.getString(13)), rs.getString(14), rs.getObject(15, UUID.class),
                rs.getString(16), rs.getBoolean(17), rs.getObject(18, OffsetDateTime.class),
                rs.getObject(19, OffsetDateTime.class), rs.getLong(24),
                rs.getString(25) == null ? null : Json.read(rs.getString(25), PlacementExplanation.Burst.class),
                StoredImages.read(rs.getString(27), rs.getString(28), rs.getString(5)),
                new Observation(rs.getString(29), (Integer) rs.getObject(30), rs.getString(31),
                        rs.getObject(32, OffsetDateTime.class), rs.getObject(33, OffsetDateTime.class),
                        rs.getObject(34, OffsetDateTime.class)),
                new Restarts(Restarts.DesiredState.valueOf(rs.getString(35)), rs.getInt(36), (Integer) rs.getObject(37),
                        rs.getObject(38, OffsetDateTime.class)),
                new ImagePull(PullPolicy.valueOf(rs.getString(39)), rs.getString(40)));
    }

    /** The registry digest of the image the workload runs, as its host reported it. */
    public void setImageDigest(Connection c, UUID id, String digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workload SET image_digest = ? WHERE id = ?")) {
            ps.setString(1, digest);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    private VmOptions vm(UUID id, String json, String sealedUserData) {
        if (json == null) {
            return VmOptions.LINUX;
        }
        StoredVm stored = Json.read(json, StoredVm.class);
        UserData userData = sealedUserData != null ? UserData.sealed(sealedUserData, id, envelopes)
                : UserData.of(stored.userData());
        return new VmOptions(stored.osFamily(), stored.customKernel(), userData, stored.sshKeys());
    }

    /** Reads a row selected with {@link #columns()} (for other capabilities' queries, e.g. the reconciler's). */
    public Workload readRow(ResultSet rs) throws SQLException {
        return read(rs);
    }

    /** The column list {@link #readRow} expects, in order. */
    public static String columns() {
        return COLUMNS;
    }

    /**
     * Records what the provider reported, read at {@code seenAt}; the exit code of a run that
     * ended is also kept as the workload's last exit code.
     */
    public void setObserved(Connection c, UUID id, ActualState state, OffsetDateTime seenAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE workload SET observed_phase = ?, observed_exit_code = ?, observed_detail = ?,
                       observed_started_at = ?, observed_finished_at = ?, observed_at = ?,
                       last_exit_code = coalesce(?, last_exit_code)
                WHERE id = ?""")) {
            bindObserved(ps, state, seenAt);
            ps.setObject(8, id);
            ps.executeUpdate();
        }
    }

    /** Binds parameters 1..7 of {@link #setObserved}'s statement (the reconciler batches the same statement). */
    public static void bindObserved(PreparedStatement ps, ActualState state, OffsetDateTime seenAt) throws SQLException {
        ps.setString(1, state.phase());
        ps.setObject(2, state.exitCode());
        ps.setString(3, state.detail());
        ps.setObject(4, state.startedAt() == null ? null : state.startedAt().atOffset(ZoneOffset.UTC));
        ps.setObject(5, state.finishedAt() == null ? null : state.finishedAt().atOffset(ZoneOffset.UTC));
        ps.setObject(6, seenAt);
        ps.setObject(7, state.exitCode());
    }

    /** What the tenant asked for; a start or restart also resets Berth's restart count (a fresh chance). */
    public void setDesired(Connection c, UUID id, Restarts.DesiredState desired) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workload SET desired_state = ?, restart_count = "
                + "CASE WHEN ? = 'RUNNING' THEN 0 ELSE restart_count END WHERE id = ?")) {
            ps.setString(1, desired.name());
            ps.setString(2, desired.name());
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }
}
