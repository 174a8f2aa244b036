package dev.berth.broker.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The usage record: one interval per stretch of time a workload holds quota and host
 * capacity. Opened inside the transaction that reserves them (admission) and closed inside
 * the one that releases them (delete, failed create, lost workload), so usage history and
 * the quota ledger can never disagree. A stopped workload still holds its reservation and
 * therefore keeps accruing.
 */
@ApplicationScoped
public class UsageIntervals {

    private final Clock clock;

    UsageIntervals(Clock clock) {
        this.clock = clock;
    }

    /**
     * Opens the workload's interval now. What it holds is copied, and so are the host's name,
     * provider class and prices as they are in this transaction (the caller has just locked
     * the host row by reserving capacity on it), so later host changes do not rewrite history.
     */
    public void open(Connection c, UUID workloadId, String tenant, WorkloadKind kind, UUID hostId, Resources held)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO usage_interval (tenant, workload_id, kind, host_id, host_name, provider_class, milli_cpu,
                                            memory_mib, disk_gib, price_vcpu_hour, price_memory_gib_hour, started_at)
                SELECT ?, ?, ?, h.id, h.name, h.provider_class, ?, ?, ?, h.price_vcpu_hour, h.price_memory_gib_hour, ?
                FROM host h WHERE h.id = ?""")) {
            ps.setString(1, tenant);
            ps.setObject(2, workloadId);
            ps.setString(3, kind.name().toLowerCase(Locale.ROOT));
            ps.setLong(4, held.milliCpu());
            ps.setLong(5, held.memoryMiB());
            ps.setLong(6, held.diskGiB());
            ps.setObject(7, now());
            ps.setObject(8, hostId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("host " + hostId + " vanished inside the admission transaction");
            }
        }
    }

    /**
     * Closes the workload's open interval now (never before it started, should clocks of
     * two replicas disagree). Closing an already closed one changes nothing.
     */
    public void close(Connection c, UUID workloadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE usage_interval SET ended_at = greatest(started_at, ?) WHERE workload_id = ? AND ended_at IS NULL")) {
            ps.setObject(1, now());
            ps.setObject(2, workloadId);
            ps.executeUpdate();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
