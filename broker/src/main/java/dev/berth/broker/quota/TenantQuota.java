package dev.berth.broker.quota;

import dev.berth.provider.spi.Resources;

/** A tenant's limits and what its live workloads hold. */
public record TenantQuota(String tenant, Resources limits, int instanceLimit, Resources used, int instancesUsed) {

    public static TenantQuota none(String tenant) {
        return new TenantQuota(tenant, Resources.ZERO, 0, Resources.ZERO, 0);
    }
}
