package dev.berth.broker.quota;

import dev.berth.tenants.quota.TenantQuota;

import dev.berth.api.model.Quota;
import dev.berth.api.model.QuotaLimits;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.tenants.units.Cpu;
import dev.berth.tenants.units.Money;
import dev.berth.provider.spi.Resources;

/** Quota ↔ API model. */
public final class QuotaMapper {

    private QuotaMapper() {
    }

    static Quota toApi(TenantQuota q) {
        return new Quota().tenant(q.tenant())
                .limits(limits(q.limits(), q.instanceLimit()).snapshots(q.snapshotLimit())
                        .monthlyBudget(q.monthlyBudgetMicros() == null ? null : Money.fromMicros(q.monthlyBudgetMicros())))
                .usage(limits(q.used(), q.instancesUsed()).snapshots(q.snapshotsUsed())
                        .monthlyBudget(Money.fromMicros(q.monthlyCostMicros())))
                .overLimit(q.overLimit().isEmpty() ? null : q.overLimit())
                .quotaClass(q.quotaClass());
    }

    static QuotaLimits limits(Resources r, int instances) {
        return new QuotaLimits().vcpu(Cpu.toVcpu(r.milliCpu())).memoryMiB(r.memoryMiB()).diskGiB(r.diskGiB())
                .instances(instances);
    }

    static Resources resources(QuotaLimits limits) {
        return new Resources(Cpu.toMilli(limits.getVcpu(), "vcpu"), limits.getMemoryMiB(), limits.getDiskGiB());
    }

    /** What setting a tenant's limits does to its budget: absent leaves it, a value sets it, the flag removes it. */
    public static QuotaService.Budget budget(QuotaLimits limits) {
        boolean unlimited = Boolean.TRUE.equals(limits.getUnlimitedMonthlyBudget());
        if (unlimited && limits.getMonthlyBudget() != null) {
            throw new InvalidRequest("unlimitedMonthlyBudget", "cannot be combined with monthlyBudget");
        }
        if (unlimited) {
            return QuotaService.Budget.UNLIMITED;
        }
        return limits.getMonthlyBudget() == null ? QuotaService.Budget.UNCHANGED
                : QuotaService.Budget.of(Money.toMicros(limits.getMonthlyBudget(), "monthlyBudget"));
    }

    /** A quota class is replaced whole: absent (or the unlimited flag) = no budget. */
    static Long classBudget(QuotaLimits limits) {
        QuotaService.Budget budget = budget(limits);
        return budget.change() ? budget.micros() : null;
    }
}
