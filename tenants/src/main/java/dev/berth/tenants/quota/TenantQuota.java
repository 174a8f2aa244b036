package dev.berth.tenants.quota;

import java.util.ArrayList;
import java.util.List;

import dev.berth.provider.spi.Resources;

/**
 * A tenant's limits and what its live workloads hold. Usage may be above a limit: an admin
 * may lower a limit below current usage, which refuses new admissions until usage drops.
 *
 * @param quotaClass          the quota class the limits were copied from, or null when set explicitly
 * @param monthlyBudgetMicros the monthly cost budget in micro-units; null = no budget (unlimited)
 * @param monthlyCostMicros   the estimated monthly cost charged by the live workloads ({@link MonthlyCost})
 */
public record TenantQuota(String tenant, Resources limits, int instanceLimit, Resources used, int instancesUsed,
                          int snapshotLimit, int snapshotsUsed, String quotaClass, Long monthlyBudgetMicros,
                          long monthlyCostMicros) {

    /** The API name of the budget dimension (in {@link #overLimit()} and {@code quota.exceeded} details). */
    public static final String MONTHLY_BUDGET = "monthlyBudget";

    /** Snapshots a tenant may keep when no admin has said otherwise (the column default). */
    public static final int DEFAULT_SNAPSHOT_LIMIT = 10;

    public TenantQuota(String tenant, Resources limits, int instanceLimit, Resources used, int instancesUsed,
                       int snapshotLimit, int snapshotsUsed, String quotaClass) {
        this(tenant, limits, instanceLimit, used, instancesUsed, snapshotLimit, snapshotsUsed, quotaClass, null, 0);
    }

    public TenantQuota(String tenant, Resources limits, int instanceLimit, Resources used, int instancesUsed,
                       int snapshotLimit, int snapshotsUsed) {
        this(tenant, limits, instanceLimit, used, instancesUsed, snapshotLimit, snapshotsUsed, null);
    }

    public TenantQuota(String tenant, Resources limits, int instanceLimit, Resources used, int instancesUsed) {
        this(tenant, limits, instanceLimit, used, instancesUsed, DEFAULT_SNAPSHOT_LIMIT, 0);
    }

    /** Whether {@code charge} more fits the budget (always, without one). */
    public boolean budgetAllows(long charge) {
        return monthlyBudgetMicros == null || monthlyCostMicros + charge <= monthlyBudgetMicros;
    }

    public static TenantQuota none(String tenant) {
        return new TenantQuota(tenant, Resources.ZERO, 0, Resources.ZERO, 0, 0, 0);
    }

    /** The API names of the dimensions whose usage is above the limit, in a fixed order. */
    public List<String> overLimit() {
        List<String> over = new ArrayList<>();
        if (used.milliCpu() > limits.milliCpu()) {
            over.add("vcpu");
        }
        if (used.memoryMiB() > limits.memoryMiB()) {
            over.add("memoryMiB");
        }
        if (used.diskGiB() > limits.diskGiB()) {
            over.add("diskGiB");
        }
        if (instancesUsed > instanceLimit) {
            over.add("instances");
        }
        if (snapshotsUsed > snapshotLimit) {
            over.add("snapshots");
        }
        if (monthlyBudgetMicros != null && monthlyCostMicros > monthlyBudgetMicros) {
            over.add(MONTHLY_BUDGET);
        }
        return over;
    }
}
