package dev.berth.broker.quota;

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
        db.transaction(c -> {
            ledger.setLimits(c, tenant, limits, instances);
            if (snapshots != null) {
                ledger.setSnapshotLimit(c, tenant, snapshots);
            }
            return null;
        });
        return get(tenant);
    }
}
