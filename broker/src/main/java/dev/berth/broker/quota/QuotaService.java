package dev.berth.broker.quota;

import dev.berth.tenants.quota.TenantQuota;

import dev.berth.broker.db.Database;
import dev.berth.provider.spi.Resources;
import jakarta.enterprise.context.ApplicationScoped;

/** Reading and setting tenant quotas; reservations happen inside admission's transaction. */
@ApplicationScoped
public class QuotaService {

    private final Database db;
    private final QuotaLedger ledger;

    QuotaService(Database db, QuotaLedger ledger) {
        this.db = db;
        this.ledger = ledger;
    }

    public TenantQuota get(String tenant) {
        return db.autoCommit(c -> ledger.find(c, tenant)).orElse(TenantQuota.none(tenant));
    }

    public TenantQuota set(String tenant, Resources limits, int instances) {
        return set(tenant, limits, instances, null);
    }

    /** {@code snapshots} null leaves the snapshot limit as it is. */
    public TenantQuota set(String tenant, Resources limits, int instances, Integer snapshots) {
        return set(tenant, limits, instances, snapshots, Budget.UNCHANGED);
    }

    /**
     * What to do with the monthly budget when limits are set: leave it (an older client that
     * does not know budgets must not lift one by accident), set it, or remove it.
     */
    public record Budget(boolean change, Long micros) {
        public static final Budget UNCHANGED = new Budget(false, null);
        public static final Budget UNLIMITED = new Budget(true, null);

        public static Budget of(long micros) {
            return new Budget(true, micros);
        }
    }

    /** {@code snapshots} null leaves the snapshot limit as it is; the budget as {@code budget} says. */
    public TenantQuota set(String tenant, Resources limits, int instances, Integer snapshots, Budget budget) {
        db.transaction(c -> {
            ledger.setLimits(c, tenant, limits, instances);
            if (snapshots != null) {
                ledger.setSnapshotLimit(c, tenant, snapshots);
            }
            if (budget.change()) {
                ledger.setMonthlyBudget(c, tenant, budget.micros());
            }
            return null;
        });
        return get(tenant);
    }
}
