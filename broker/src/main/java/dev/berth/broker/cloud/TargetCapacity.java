package dev.berth.broker.cloud;

import dev.berth.provider.aws.PriceCatalogue;
import dev.berth.provider.spi.Resources;

/**
 * An account-region's capacity as a host: the account's limits, which are what Berth may use
 * there, not a machine's size. Defaults, when a limit is left out:
 * <ul>
 *   <li>memory: {@code maxVcpu} × the most MiB per vCPU of any instance type of the region's
 *       catalogue (the AWS driver's own default, so both report the same capacity);</li>
 *   <li>disk: {@code maxInstances} × {@value #DEFAULT_DISK_PER_INSTANCE_GIB} GiB (root volumes
 *       and Fargate ephemeral storage, which tops out at 200 GiB a task). The driver reports
 *       disk 0 ("not limited"), which the host table would read as "no disk at all".</li>
 * </ul>
 */
final class TargetCapacity {

    static final long DEFAULT_DISK_PER_INSTANCE_GIB = 200;

    private TargetCapacity() {
    }

    /** Capacity in host units, and the memory figure the driver is told. */
    record Sized(Resources capacity, long memoryMiB) {
    }

    static Sized of(CloudAccount.Limits limits, PriceCatalogue.RegionPrices prices) {
        long memory = limits.maxMemoryMiB().orElseGet(() -> limits.maxVcpu() * largestMemoryPerVcpuMiB(prices));
        long disk = limits.maxDiskGiB().orElse(limits.maxInstances() * DEFAULT_DISK_PER_INSTANCE_GIB);
        return new Sized(new Resources(limits.maxVcpu() * 1000L, memory, disk), memory);
    }

    private static long largestMemoryPerVcpuMiB(PriceCatalogue.RegionPrices prices) {
        return prices.instanceTypes().stream().mapToLong(t -> t.memoryMiB() / t.vcpu()).max().orElse(8192);
    }
}
