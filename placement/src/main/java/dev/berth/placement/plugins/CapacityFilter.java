package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.CapacityIndex;
import dev.berth.placement.engine.ColumnarFilter;
import dev.berth.placement.engine.FilterKernel;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.RejectionTally;

import dev.berth.provider.spi.Resources;

/**
 * Keeps hosts with room for the request in every dimension, counting overcommit
 * (allocatable = capacity × ratio), and under their instance limit. The first dimension that
 * does not fit is the reason, so an explanation tells which resource ran out. The instance
 * count comes first: a host holding as many workloads as it may (a cloud account's
 * {@code maxInstances}) takes none, however small, so "instances" is the true reason even
 * when CPU is short too.
 */
public final class CapacityFilter implements ColumnarFilter {

    public static final String NAME = "Capacity";
    public static final String INSTANCES_EXHAUSTED = "instances_exhausted";
    public static final String INSUFFICIENT_CPU = "insufficient_cpu";
    public static final String INSUFFICIENT_MEMORY = "insufficient_memory";
    public static final String INSUFFICIENT_DISK = "insufficient_disk";

    private static final FilterResult INSTANCES = FilterResult.reject(INSTANCES_EXHAUSTED);
    private static final FilterResult CPU = FilterResult.reject(INSUFFICIENT_CPU);
    private static final FilterResult MEMORY = FilterResult.reject(INSUFFICIENT_MEMORY);
    private static final FilterResult DISK = FilterResult.reject(INSUFFICIENT_DISK);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        Resources want = request.resources();
        Resources cap = host.allocatable();
        Resources used = host.allocated();
        if (host.atInstanceLimit()) {
            return INSTANCES;
        }
        // no Resources allocated per host: this runs on every host of a full scan
        if (want.milliCpu() > Math.max(0, cap.milliCpu() - used.milliCpu())) {
            return CPU;
        }
        if (want.memoryMiB() > Math.max(0, cap.memoryMiB() - used.memoryMiB())) {
            return MEMORY;
        }
        if (want.diskGiB() > Math.max(0, cap.diskGiB() - used.diskGiB())) {
            return DISK;
        }
        return FilterResult.pass();
    }

    static Resources free(HostSnapshot host) {
        return new Resources(
                Math.max(0, host.allocatable().milliCpu() - host.allocated().milliCpu()),
                Math.max(0, host.allocatable().memoryMiB() - host.allocated().memoryMiB()),
                Math.max(0, host.allocatable().diskGiB() - host.allocated().diskGiB()));
    }

    /**
     * Each dimension's hosts with room are a prefix of that dimension's sorted order, kept as
     * bitsets in the snapshot ({@link CapacityIndex}): a decision narrows the survivors a
     * word at a time, CPU then memory then disk as {@link #filter} checks, and compares
     * single hosts only inside one bucket per dimension. Hosts at their instance limit are a
     * bitset of the snapshot too ({@link FleetColumns#atInstanceLimit}), removed first.
     */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        return new Kernel(request.resources(), fleet);
    }

    private record Kernel(long cpu, long memory, long disk, FleetColumns fleet, long[] full, long[] freeCpu,
            long[] freeMemory, long[] freeDisk) implements FilterKernel {

        Kernel(Resources want, FleetColumns fleet) {
            this(want.milliCpu(), want.memoryMiB(), want.diskGiB(), fleet, fleet.atInstanceLimit(), fleet.freeCpu(),
                    fleet.freeMemory(), fleet.freeDisk());
        }

        @Override
        public String reject(int host) {
            if ((full[host >>> 6] & (1L << host)) != 0) {
                return INSTANCES_EXHAUSTED;
            }
            if (cpu > freeCpu[host]) {
                return INSUFFICIENT_CPU;
            }
            if (memory > freeMemory[host]) {
                return INSUFFICIENT_MEMORY;
            }
            return disk > freeDisk[host] ? INSUFFICIENT_DISK : null;
        }

        @Override
        public void narrow(HostSet survivors, RejectionTally tally) {
            tally.add(INSTANCES_EXHAUSTED, survivors.removeAll(full));
            tally.add(INSUFFICIENT_CPU, fleet.cpuIndex().retainAtLeast(survivors, cpu));
            tally.add(INSUFFICIENT_MEMORY, fleet.memoryIndex().retainAtLeast(survivors, memory));
            tally.add(INSUFFICIENT_DISK, fleet.diskIndex().retainAtLeast(survivors, disk));
        }
    }
}
