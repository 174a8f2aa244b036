package dev.berth.broker.quota;

import dev.berth.tenants.quota.TenantQuota;

import dev.berth.grpc.v1.Quota;
import dev.berth.grpc.v1.Resources;

/** Quota → gRPC message, shared by the tenant ({@code Workloads.GetQuota}) and admin services. */
public final class QuotaProtos {

    private QuotaProtos() {
    }

    public static Quota toProto(TenantQuota q) {
        Quota.Builder b = Quota.newBuilder().setTenant(q.tenant()).setLimits(resources(q.limits())).setInstanceLimit(q.instanceLimit())
                .setUsage(resources(q.used())).setInstancesUsed(q.instancesUsed())
                .setSnapshotLimit(q.snapshotLimit()).setSnapshotsUsed(q.snapshotsUsed())
                .addAllOverLimit(q.overLimit()).setQuotaClass(q.quotaClass() == null ? "" : q.quotaClass())
                .setMonthlyCostMicros(q.monthlyCostMicros());
        if (q.monthlyBudgetMicros() != null) {
            b.setMonthlyBudgetMicros(q.monthlyBudgetMicros());
        }
        return b.build();
    }

    public static Resources resources(dev.berth.provider.spi.Resources r) {
        return Resources.newBuilder().setMilliCpu(r.milliCpu()).setMemoryMib(r.memoryMiB()).setDiskGib(r.diskGiB()).build();
    }
}
