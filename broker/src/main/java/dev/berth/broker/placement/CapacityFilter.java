package dev.berth.broker.placement;

import dev.berth.provider.spi.Resources;

/**
 * Keeps hosts with room for the request in every dimension, counting overcommit
 * (allocatable = capacity × ratio). The first dimension that does not fit is the reason,
 * so an explanation tells which resource ran out.
 */
public final class CapacityFilter implements PlacementFilter {

    public static final String NAME = "Capacity";
    public static final String INSUFFICIENT_CPU = "insufficient_cpu";
    public static final String INSUFFICIENT_MEMORY = "insufficient_memory";
    public static final String INSUFFICIENT_DISK = "insufficient_disk";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host) {
        Resources want = request.resources();
        Resources free = free(host);
        if (want.milliCpu() > free.milliCpu()) {
            return FilterResult.reject(INSUFFICIENT_CPU);
        }
        if (want.memoryMiB() > free.memoryMiB()) {
            return FilterResult.reject(INSUFFICIENT_MEMORY);
        }
        if (want.diskGiB() > free.diskGiB()) {
            return FilterResult.reject(INSUFFICIENT_DISK);
        }
        return FilterResult.pass();
    }

    static Resources free(HostSnapshot host) {
        return new Resources(
                Math.max(0, host.allocatable().milliCpu() - host.allocated().milliCpu()),
                Math.max(0, host.allocatable().memoryMiB() - host.allocated().memoryMiB()),
                Math.max(0, host.allocatable().diskGiB() - host.allocated().diskGiB()));
    }
}
