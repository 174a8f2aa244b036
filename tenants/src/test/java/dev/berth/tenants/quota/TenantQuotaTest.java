package dev.berth.tenants.quota;

import org.junit.jupiter.api.Test;

import dev.berth.provider.spi.Resources;

import static org.assertj.core.api.Assertions.assertThat;

class TenantQuotaTest {

    private static final Resources LIMITS = new Resources(4000, 8192, 100);

    @Test
    void withinEveryLimitNothingIsOver() {
        TenantQuota q = new TenantQuota("acme", LIMITS, 4, LIMITS, 4, 10, 10, null, 50_000_000L, 50_000_000L);
        assertThat(q.overLimit()).isEmpty();
    }

    @Test
    void listsEveryDimensionAboveItsLimitInAFixedOrder() {
        TenantQuota q = new TenantQuota("acme", LIMITS, 4, new Resources(4001, 8193, 101), 5, 10, 11, null,
                50_000_000L, 50_000_001L);
        assertThat(q.overLimit()).containsExactly("vcpu", "memoryMiB", "diskGiB", "instances", "snapshots",
                TenantQuota.MONTHLY_BUDGET);
    }

    @Test
    void withoutABudgetAnyCostFits() {
        TenantQuota q = new TenantQuota("acme", LIMITS, 4, Resources.ZERO, 0, 10, 0, null, null, Long.MAX_VALUE / 2);
        assertThat(q.budgetAllows(Long.MAX_VALUE / 2)).isTrue();
        assertThat(q.overLimit()).isEmpty();
    }

    @Test
    void theBudgetAllowsUpToItsLastMicroUnit() {
        TenantQuota q = new TenantQuota("acme", LIMITS, 4, Resources.ZERO, 0, 10, 0, null, 100L, 60L);
        assertThat(q.budgetAllows(40)).isTrue();
        assertThat(q.budgetAllows(41)).isFalse();
    }

    @Test
    void noneAllowsNothing() {
        TenantQuota q = TenantQuota.none("acme");
        assertThat(q.limits()).isEqualTo(Resources.ZERO);
        assertThat(q.instanceLimit()).isZero();
        assertThat(q.snapshotLimit()).isZero();
    }
}
