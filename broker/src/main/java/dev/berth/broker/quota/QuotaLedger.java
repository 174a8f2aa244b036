package dev.berth.broker.quota;

import dev.berth.tenants.quota.TenantQuota;
import dev.berth.tenants.quota.QuotaClass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.tenants.units.Cpu;
import dev.berth.tenants.units.Money;
import dev.berth.provider.spi.Resources;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tenant quota usage, kept in the same transaction as the workload rows it accounts for.
 * {@link #reserve} is one conditional UPDATE: PostgreSQL re-checks the limits on the locked
 * row, so usage is exact under any concurrency and any number of brokers, with no
 * read-then-write window.
 */
@ApplicationScoped
public class QuotaLedger {

    private static final String COLUMNS = "tenant, limit_milli_cpu, limit_memory_mib, limit_disk_gib, limit_instances, "
            + "used_milli_cpu, used_memory_mib, used_disk_gib, used_instances, limit_snapshots, used_snapshots, quota_class, "
            + "limit_monthly_cost_micros, used_monthly_cost_micros";

    /**
     * Takes {@code r}, one instance and {@code monthlyCostMicros} of the monthly budget (none
     * set: unlimited) from the tenant's quota, or throws {@link QuotaExceeded} naming what ran out.
     */
    public void reserve(Connection c, String tenant, Resources r, long monthlyCostMicros) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE tenant_quota SET used_milli_cpu = used_milli_cpu + ?, used_memory_mib = used_memory_mib + ?,
                                        used_disk_gib = used_disk_gib + ?, used_instances = used_instances + 1,
                                        used_monthly_cost_micros = used_monthly_cost_micros + ?,
                                        updated_at = now()
                WHERE tenant = ?
                  AND used_milli_cpu + ? <= limit_milli_cpu AND used_memory_mib + ? <= limit_memory_mib
                  AND used_disk_gib + ? <= limit_disk_gib AND used_instances + 1 <= limit_instances
                  AND (limit_monthly_cost_micros IS NULL OR used_monthly_cost_micros + ? <= limit_monthly_cost_micros)""")) {
            ps.setLong(1, r.milliCpu());
            ps.setLong(2, r.memoryMiB());
            ps.setLong(3, r.diskGiB());
            ps.setLong(4, monthlyCostMicros);
            ps.setString(5, tenant);
            ps.setLong(6, r.milliCpu());
            ps.setLong(7, r.memoryMiB());
            ps.setLong(8, r.diskGiB());
            ps.setLong(9, monthlyCostMicros);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        throw new QuotaExceeded(explain(find(c, tenant).orElse(TenantQuota.none(tenant)), r, monthlyCostMicros));
    }

    /** Gives back what {@link #reserve} took: the workload's resources and exactly the charge recorded on it. */
    public void release(Connection c, String tenant, Resources r, long monthlyCostMicros) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE tenant_quota SET used_milli_cpu = used_milli_cpu - ?, used_memory_mib = used_memory_mib - ?,
                                        used_disk_gib = used_disk_gib - ?, used_instances = used_instances - 1,
                                        used_monthly_cost_micros = used_monthly_cost_micros - ?,
                                        updated_at = now()
                WHERE tenant = ?""")) {
            ps.setLong(1, r.milliCpu());
            ps.setLong(2, r.memoryMiB());
            ps.setLong(3, r.diskGiB());
            ps.setLong(4, monthlyCostMicros);
            ps.setString(5, tenant);
            ps.executeUpdate();
        }
    }

    public Optional<TenantQuota> find(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tenant_quota WHERE tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TenantQuota(rs.getString(1),
                        new Resources(rs.getLong(2), rs.getLong(3), rs.getLong(4)), rs.getInt(5),
                        new Resources(rs.getLong(6), rs.getLong(7), rs.getLong(8)), rs.getInt(9),
                        rs.getInt(10), rs.getInt(11), rs.getString(12), rs.getObject(13, Long.class), rs.getLong(14)));
            }
        }
    }

    /** Takes one snapshot from the tenant's snapshot quota, or throws {@link QuotaExceeded}. */
    public void reserveSnapshot(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE tenant_quota SET used_snapshots = used_snapshots + 1, updated_at = now()
                WHERE tenant = ? AND used_snapshots + 1 <= limit_snapshots""")) {
            ps.setString(1, tenant);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        TenantQuota q = find(c, tenant).orElse(TenantQuota.none(tenant));
        throw new QuotaExceeded("Tenant '" + tenant + "' quota exceeded: snapshots (" + q.snapshotsUsed() + " of "
                + q.snapshotLimit() + " used).");
    }

    public void releaseSnapshot(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tenant_quota SET used_snapshots = used_snapshots - 1, updated_at = now() WHERE tenant = ?")) {
            ps.setString(1, tenant);
            ps.executeUpdate();
        }
    }

    public void setSnapshotLimit(Connection c, String tenant, int snapshots) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tenant_quota SET limit_snapshots = ?, updated_at = now() WHERE tenant = ?")) {
            ps.setInt(1, snapshots);
            ps.setString(2, tenant);
            ps.executeUpdate();
        }
    }

    /** Sets (micro-units) or removes (null: unlimited) the monthly budget; usage is not touched. */
    public void setMonthlyBudget(Connection c, String tenant, Long micros) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tenant_quota SET limit_monthly_cost_micros = ?, updated_at = now() WHERE tenant = ?")) {
            ps.setObject(1, micros, java.sql.Types.BIGINT);
            ps.setString(2, tenant);
            ps.executeUpdate();
        }
    }

    /**
     * Sets limits explicitly (creating the row on first use); usage is never touched here, so
     * a limit may end up below usage. Explicit limits are no longer those of a quota class.
     */
    public void setLimits(Connection c, String tenant, Resources limits, int instances) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tenant_quota (tenant, limit_milli_cpu, limit_memory_mib, limit_disk_gib, limit_instances)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant) DO UPDATE SET limit_milli_cpu = EXCLUDED.limit_milli_cpu,
                    limit_memory_mib = EXCLUDED.limit_memory_mib, limit_disk_gib = EXCLUDED.limit_disk_gib,
                    limit_instances = EXCLUDED.limit_instances, quota_class = NULL, updated_at = now()""")) {
            ps.setString(1, tenant);
            ps.setLong(2, limits.milliCpu());
            ps.setLong(3, limits.memoryMiB());
            ps.setLong(4, limits.diskGiB());
            ps.setInt(5, instances);
            ps.executeUpdate();
        }
    }

    /**
     * Gives a tenant that has no limits yet the limits of {@code quotaClass}; a tenant with
     * limits (set by an admin or by an earlier class) keeps them. True when applied.
     */
    public boolean applyClassIfUnset(Connection c, String tenant, QuotaClass quotaClass) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tenant_quota (tenant, limit_milli_cpu, limit_memory_mib, limit_disk_gib, limit_instances,
                                          limit_snapshots, quota_class, limit_monthly_cost_micros)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant) DO NOTHING""")) {
            ps.setString(1, tenant);
            ps.setLong(2, quotaClass.limits().milliCpu());
            ps.setLong(3, quotaClass.limits().memoryMiB());
            ps.setLong(4, quotaClass.limits().diskGiB());
            ps.setInt(5, quotaClass.instances());
            ps.setInt(6, quotaClass.snapshots());
            ps.setString(7, quotaClass.name());
            ps.setObject(8, quotaClass.monthlyBudgetMicros(), java.sql.Types.BIGINT);
            return ps.executeUpdate() == 1;
        }
    }

    /** Why {@code want} would be refused on top of {@code q}'s usage, or null when it fits. Reads nothing. */
    public static String refusal(TenantQuota q, Resources want) {
        return refusal(q, want, 0);
    }

    /** As {@link #refusal(TenantQuota, Resources)}, charging {@code monthlyCostMicros} against the budget too. */
    public static String refusal(TenantQuota q, Resources want, long monthlyCostMicros) {
        boolean fits = q.instancesUsed() + 1 <= q.instanceLimit()
                && q.used().milliCpu() + want.milliCpu() <= q.limits().milliCpu()
                && q.used().memoryMiB() + want.memoryMiB() <= q.limits().memoryMiB()
                && q.used().diskGiB() + want.diskGiB() <= q.limits().diskGiB()
                && q.budgetAllows(monthlyCostMicros);
        return fits ? null : explain(q, want, monthlyCostMicros);
    }

    static String explain(TenantQuota q, Resources want) {
        return explain(q, want, 0);
    }

    static String explain(TenantQuota q, Resources want, long monthlyCostMicros) {
        List<String> over = new ArrayList<>();
        if (q.instancesUsed() + 1 > q.instanceLimit()) {
            over.add("instances (" + q.instancesUsed() + " of " + q.instanceLimit() + " used)");
        }
        if (q.used().milliCpu() + want.milliCpu() > q.limits().milliCpu()) {
            over.add("vcpu (" + Cpu.toVcpu(q.used().milliCpu()) + " of " + Cpu.toVcpu(q.limits().milliCpu())
                    + " used, " + Cpu.toVcpu(want.milliCpu()) + " requested)");
        }
        if (q.used().memoryMiB() + want.memoryMiB() > q.limits().memoryMiB()) {
            over.add("memoryMiB (" + q.used().memoryMiB() + " of " + q.limits().memoryMiB() + " used, "
                    + want.memoryMiB() + " requested)");
        }
        if (q.used().diskGiB() + want.diskGiB() > q.limits().diskGiB()) {
            over.add("diskGiB (" + q.used().diskGiB() + " of " + q.limits().diskGiB() + " used, "
                    + want.diskGiB() + " requested)");
        }
        if (!q.budgetAllows(monthlyCostMicros)) {
            over.add(TenantQuota.MONTHLY_BUDGET + " (" + Money.fromMicros(q.monthlyCostMicros()).toPlainString() + " of "
                    + Money.fromMicros(q.monthlyBudgetMicros()).toPlainString() + " a month used, "
                    + Money.fromMicros(monthlyCostMicros).toPlainString() + " requested)");
        }
        if (over.isEmpty()) {
            over.add("a concurrent admission took the remaining quota");
        }
        return "Tenant '" + q.tenant() + "' quota exceeded: " + String.join("; ", over) + ".";
    }
}
