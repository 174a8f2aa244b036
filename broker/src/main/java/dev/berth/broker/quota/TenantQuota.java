package dev.berth.broker.quota;

import dev.berth.provider.spi.Resources;

/** A tenant's limits and what its live workloads hold. */
public record TenantQuota(String tenant, Resources limits, int instanceLimit, Resources used, int instancesUsed,
                          int snapshotLimit, int snapshotsUsed) {

    /** Snapshots a tenant may keep when no admin has said otherwise (the column default). */
    public static final int DEFAULT_SNAPSHOT_LIMIT = 10;

    public TenantQuota(String tenant, Resources limits, int instanceLimit, Resources used, int instancesUsed) {
        this(tenant, limits, instanceLimit, used, instancesUsed, DEFAULT_SNAPSHOT_LIMIT, 0);
    }

    public static TenantQuota none(String tenant) {
        return new TenantQuota(tenant, Resources.ZERO, 0, Resources.ZERO, 0, 0, 0);
    }
}
