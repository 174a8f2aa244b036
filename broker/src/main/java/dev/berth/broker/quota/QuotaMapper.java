package dev.berth.broker.quota;

import dev.berth.api.model.Quota;
import dev.berth.api.model.QuotaLimits;
import dev.berth.broker.units.Cpu;
import dev.berth.provider.spi.Resources;

/** Quota ↔ API model. */
final class QuotaMapper {

    private QuotaMapper() {
    }

    static Quota toApi(TenantQuota q) {
        return new Quota().tenant(q.tenant())
                .limits(limits(q.limits(), q.instanceLimit()).snapshots(q.snapshotLimit()))
                .usage(limits(q.used(), q.instancesUsed()).snapshots(q.snapshotsUsed()))
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
}
