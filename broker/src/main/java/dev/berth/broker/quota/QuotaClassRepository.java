package dev.berth.broker.quota;

import dev.berth.tenants.quota.QuotaClass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.provider.spi.Resources;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code quota_class} rows. */
@ApplicationScoped
public class QuotaClassRepository {

    private static final String COLUMNS = "name, description, limit_milli_cpu, limit_memory_mib, limit_disk_gib, "
            + "limit_instances, limit_snapshots, is_default, created_at, updated_at, limit_monthly_cost_micros";

    public List<QuotaClass> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM quota_class ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<QuotaClass> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }
    }

    public Optional<QuotaClass> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM quota_class WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<QuotaClass> findDefault(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM quota_class WHERE is_default");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    /** Inserts or replaces the class; true when it was created. */
    public boolean upsert(Connection c, QuotaClass q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO quota_class (name, description, limit_milli_cpu, limit_memory_mib, limit_disk_gib,
                                         limit_instances, limit_snapshots, is_default, limit_monthly_cost_micros)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description,
                    limit_milli_cpu = EXCLUDED.limit_milli_cpu, limit_memory_mib = EXCLUDED.limit_memory_mib,
                    limit_disk_gib = EXCLUDED.limit_disk_gib, limit_instances = EXCLUDED.limit_instances,
                    limit_snapshots = EXCLUDED.limit_snapshots, is_default = EXCLUDED.is_default,
                    limit_monthly_cost_micros = EXCLUDED.limit_monthly_cost_micros, updated_at = now()
                RETURNING (xmax = 0)""")) {
            ps.setString(1, q.name());
            ps.setString(2, q.description());
            ps.setLong(3, q.limits().milliCpu());
            ps.setLong(4, q.limits().memoryMiB());
            ps.setLong(5, q.limits().diskGiB());
            ps.setInt(6, q.instances());
            ps.setInt(7, q.snapshots());
            ps.setBoolean(8, q.isDefault());
            ps.setObject(9, q.monthlyBudgetMicros(), java.sql.Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Serialises changes of the default mark until the transaction ends (one default, even under races). */
    public void lockDefaultMark(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('quota_class.default'))")) {
            ps.execute();
        }
    }

    /** Takes the default mark from every class but {@code keep}. */
    public void clearDefaultExcept(Connection c, String keep) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE quota_class SET is_default = false, updated_at = now() WHERE is_default AND name <> ?")) {
            ps.setString(1, keep);
            ps.executeUpdate();
        }
    }

    public boolean delete(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM quota_class WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        }
    }

    private static QuotaClass read(ResultSet rs) throws SQLException {
        return new QuotaClass(rs.getString(1), rs.getString(2), new Resources(rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                rs.getInt(6), rs.getInt(7), rs.getBoolean(8), rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class), rs.getObject(11, Long.class));
    }
}
