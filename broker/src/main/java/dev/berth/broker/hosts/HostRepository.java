package dev.berth.broker.hosts;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.db.Json;
import dev.berth.broker.db.PageToken;
import dev.berth.placement.HostSnapshot;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL for the {@code host} table, including the conditional capacity reservation. */
@ApplicationScoped
public class HostRepository {

    private static final String COLUMNS = "id, name, driver, endpoint, options::text, labels::text, supported_kinds, "
            + "engine_version, capacity_milli_cpu, capacity_memory_mib, capacity_disk_gib, cpu_overcommit, "
            + "memory_overcommit, disk_overcommit, limit_milli_cpu, limit_memory_mib, limit_disk_gib, "
            + "allocated_milli_cpu, allocated_memory_mib, allocated_disk_gib, allocated_instances, cordoned, "
            + "health, health_detail, health_checked_at, created_at, updated_at, provider_class, price_vcpu_hour, "
            + "price_memory_gib_hour, max_instances, disk_enforced";

    public void insert(Connection c, Host h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO host (id, name, driver, endpoint, options, labels, supported_kinds, engine_version,
                    capacity_milli_cpu, capacity_memory_mib, capacity_disk_gib,
                    cpu_overcommit, memory_overcommit, disk_overcommit, health, health_detail, health_checked_at,
                    provider_class, price_vcpu_hour, price_memory_gib_hour, max_instances, disk_enforced)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, h.id());
            ps.setString(2, h.name());
            ps.setString(3, h.driver());
            ps.setString(4, h.endpoint());
            ps.setString(5, Json.write(h.options()));
            ps.setString(6, Json.write(h.labels()));
            ps.setArray(7, kinds(c, h.supportedKinds()));
            ps.setString(8, h.engineVersion());
            ps.setLong(9, h.capacity().milliCpu());
            ps.setLong(10, h.capacity().memoryMiB());
            ps.setLong(11, h.capacity().diskGiB());
            ps.setBigDecimal(12, h.overcommit().cpu());
            ps.setBigDecimal(13, h.overcommit().memory());
            ps.setBigDecimal(14, h.overcommit().disk());
            ps.setString(15, h.health().name());
            ps.setString(16, h.healthDetail());
            ps.setObject(17, h.healthCheckedAt());
            ps.setString(18, h.providerClass());
            ps.setBigDecimal(19, h.pricing().vcpuHour());
            ps.setBigDecimal(20, h.pricing().memoryGiBHour());
            ps.setObject(21, h.maxInstances(), java.sql.Types.INTEGER);
            ps.setBoolean(22, h.diskEnforced());
            ps.executeUpdate();
        }
    }

    public Optional<Host> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM host WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<Host> page(Connection c, Optional<PageToken> after, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM host"
                + (after.isPresent() ? " WHERE (created_at, id) > (?, ?)" : "")
                + " ORDER BY created_at, id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (after.isPresent()) {
                ps.setObject(i++, after.get().createdAt());
                ps.setObject(i++, after.get().id());
            }
            ps.setInt(i, limit);
            return readAll(ps);
        }
    }

    /** Every host, as placement snapshots, with the workload groups ("tenant/group") each runs. */
    public List<HostSnapshot> snapshots(Connection c) throws SQLException {
        java.util.Map<UUID, java.util.Map<String, Integer>> groups = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT host_id, tenant || '/' || placement_group, count(*)::int FROM workload
                WHERE placement_group IS NOT NULL AND host_id IS NOT NULL AND status NOT IN ('DELETED', 'FAILED')
                GROUP BY 1, 2"""); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                groups.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.HashMap<>()).put(rs.getString(2), rs.getInt(3));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM host ORDER BY id")) {
            return readAll(ps).stream().map(h -> h.snapshot(groups.getOrDefault(h.id(), java.util.Map.of()))).toList();
        }
    }

    public List<Host> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM host ORDER BY id")) {
            return readAll(ps);
        }
    }

    public void updateSizing(Connection c, UUID id, Resources capacity, Host.Overcommit overcommit,
                             java.util.Map<String, String> labels, Host.Pricing pricing, boolean diskEnforced) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE host SET capacity_milli_cpu = ?, capacity_memory_mib = ?, capacity_disk_gib = ?,
                    cpu_overcommit = ?, memory_overcommit = ?, disk_overcommit = ?, labels = ?::jsonb,
                    price_vcpu_hour = ?, price_memory_gib_hour = ?, disk_enforced = ?, updated_at = now()
                WHERE id = ?""")) {
            ps.setLong(1, capacity.milliCpu());
            ps.setLong(2, capacity.memoryMiB());
            ps.setLong(3, capacity.diskGiB());
            ps.setBigDecimal(4, overcommit.cpu());
            ps.setBigDecimal(5, overcommit.memory());
            ps.setBigDecimal(6, overcommit.disk());
            ps.setString(7, Json.write(labels));
            ps.setBigDecimal(8, pricing.vcpuHour());
            ps.setBigDecimal(9, pricing.memoryGiBHour());
            ps.setBoolean(10, diskEnforced);
            ps.setObject(11, id);
            ps.executeUpdate();
        }
    }

    /**
     * Re-points a host at new driver options (a cloud account's changed credentials or
     * settings) with what the driver reported for them; the broker reopens its driver on the
     * next call, since the connection changed ({@link HostDrivers#forHost}).
     */
    public void updateConnection(Connection c, UUID id, java.util.Map<String, String> options, Set<WorkloadKind> kinds,
                                 String engineVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE host SET options = ?::jsonb, supported_kinds = ?, "
                + "engine_version = coalesce(?, engine_version), updated_at = now() WHERE id = ?")) {
            ps.setString(1, Json.write(options));
            ps.setArray(2, kinds(c, kinds));
            ps.setString(3, engineVersion);
            ps.setObject(4, id);
            ps.executeUpdate();
        }
    }

    /**
     * Sets how many workloads the host may hold at once (null = no limit). Below what it holds
     * now, the host table's {@code host_instances_within_limit} CHECK refuses the update.
     */
    public void updateInstanceLimit(Connection c, UUID id, Integer maxInstances) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE host SET max_instances = ?, updated_at = now() WHERE id = ? AND max_instances IS DISTINCT FROM ?")) {
            ps.setObject(1, maxInstances, java.sql.Types.INTEGER);
            ps.setObject(2, id);
            ps.setObject(3, maxInstances, java.sql.Types.INTEGER);
            ps.executeUpdate();
        }
    }

    /** Marks a host as the target of one region of a cloud account. */
    public void linkCloudTarget(Connection c, UUID id, String account, String region) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE host SET cloud_account = ?, cloud_region = ? WHERE id = ?")) {
            ps.setString(1, account);
            ps.setString(2, region);
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    /** The cloud account a host is a region of; empty for hosts registered directly. */
    public Optional<String> cloudAccountOf(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cloud_account FROM host WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** A cloud account's targets by region. */
    public java.util.Map<String, Host> cloudTargets(Connection c, String account) throws SQLException {
        java.util.Map<String, Host> targets = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + ", cloud_region FROM host WHERE cloud_account = ? ORDER BY cloud_region")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    targets.put(rs.getString("cloud_region"), read(rs));
                }
            }
        }
        return targets;
    }

    public boolean setCordoned(Connection c, UUID id, boolean cordoned) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE host SET cordoned = ?, updated_at = now() WHERE id = ?")) {
            ps.setBoolean(1, cordoned);
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    public void recordHealth(Connection c, UUID id, HostSnapshot.HealthStatus status, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE host SET health = ?, health_detail = ?, health_checked_at = now() WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, detail);
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    /** Deletes the host if no live workload references it; returns the live count otherwise. */
    public int deleteIfUnused(Connection c, UUID id) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM host WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, id);
            lock.executeQuery().close();
        }
        try (PreparedStatement count = c.prepareStatement(
                "SELECT count(*) FROM workload WHERE host_id = ? AND status NOT IN ('DELETED', 'FAILED')")) {
            count.setObject(1, id);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                int live = rs.getInt(1);
                if (live > 0) {
                    return live;
                }
            }
        }
        try (PreparedStatement detach = c.prepareStatement("UPDATE workload SET host_id = NULL WHERE host_id = ?");
             PreparedStatement delete = c.prepareStatement("DELETE FROM host WHERE id = ?")) {
            detach.setObject(1, id);
            detach.executeUpdate();
            delete.setObject(1, id);
            delete.executeUpdate();
        }
        return 0;
    }

    /**
     * Reserves room for one workload, only if it still fits under capacity × overcommit and
     * the host's instance limit, and the host still takes work. The condition is re-evaluated on the row PostgreSQL locks,
     * so concurrent brokers can never overcommit; {@code false} means "lost the race".
     */
    public boolean reserve(Connection c, UUID hostId, Resources r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE host SET allocated_milli_cpu = allocated_milli_cpu + ?,
                                allocated_memory_mib = allocated_memory_mib + ?,
                                allocated_disk_gib = allocated_disk_gib + ?,
                                allocated_instances = allocated_instances + 1
                WHERE id = ? AND NOT cordoned AND health <> 'UNHEALTHY'
                  AND allocated_milli_cpu + ? <= limit_milli_cpu
                  AND allocated_memory_mib + ? <= limit_memory_mib
                  AND (NOT disk_enforced OR allocated_disk_gib + ? <= limit_disk_gib)
                  AND (max_instances IS NULL OR allocated_instances < max_instances)""")) {
            ps.setLong(1, r.milliCpu());
            ps.setLong(2, r.memoryMiB());
            ps.setLong(3, r.diskGiB());
            ps.setObject(4, hostId);
            ps.setLong(5, r.milliCpu());
            ps.setLong(6, r.memoryMiB());
            ps.setLong(7, r.diskGiB());
            return ps.executeUpdate() == 1;
        }
    }

    public void release(Connection c, UUID hostId, Resources r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE host SET allocated_milli_cpu = allocated_milli_cpu - ?,
                                allocated_memory_mib = allocated_memory_mib - ?,
                                allocated_disk_gib = allocated_disk_gib - ?,
                                allocated_instances = allocated_instances - 1
                WHERE id = ?""")) {
            ps.setLong(1, r.milliCpu());
            ps.setLong(2, r.memoryMiB());
            ps.setLong(3, r.diskGiB());
            ps.setObject(4, hostId);
            ps.executeUpdate();
        }
    }

    private static List<Host> readAll(PreparedStatement ps) throws SQLException {
        List<Host> hosts = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hosts.add(read(rs));
            }
        }
        return hosts;
    }

    private static Host read(ResultSet rs) throws SQLException {
        return new Host(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                Json.stringMap(rs.getString(5)), Json.stringMap(rs.getString(6)), rs.getString(28),
                new Host.Pricing(rs.getBigDecimal(29), rs.getBigDecimal(30)), kinds(rs.getArray(7)),
                rs.getString(8),
                new Resources(rs.getLong(9), rs.getLong(10), rs.getLong(11)),
                new Host.Overcommit(rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14)),
                new Resources(rs.getLong(15), rs.getLong(16), rs.getLong(17)),
                new Resources(rs.getLong(18), rs.getLong(19), rs.getLong(20)),
                rs.getInt(21), rs.getObject(31, Integer.class), rs.getBoolean(22), HostSnapshot.HealthStatus.valueOf(rs.getString(23)), rs.getString(24),
                rs.getObject(25, OffsetDateTime.class), rs.getObject(26, OffsetDateTime.class),
                rs.getObject(27, OffsetDateTime.class), rs.getBoolean(32));
    }

    private static Array kinds(Connection c, Set<WorkloadKind> kinds) throws SQLException {
        return c.createArrayOf("text", kinds.stream().map(Enum::name).sorted().toArray());
    }

    private static Set<WorkloadKind> kinds(Array array) throws SQLException {
        Set<WorkloadKind> kinds = EnumSet.noneOf(WorkloadKind.class);
        Arrays.stream((String[]) array.getArray()).map(WorkloadKind::valueOf).forEach(kinds::add);
        return kinds;
    }

}
