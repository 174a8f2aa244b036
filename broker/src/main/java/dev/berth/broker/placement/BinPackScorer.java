package dev.berth.broker.placement;

import dev.berth.provider.spi.Resources;

/**
 * Prefers the host that will be most allocated after placing the request (average of CPU
 * and memory utilisation), packing workloads tightly so whole hosts stay free for large
 * requests. The spread strategy of the placement issue is this score with the sign flipped.
 */
public final class BinPackScorer implements PlacementScorer {

    public static final String NAME = "BinPack";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int score(PlacementRequest request, HostSnapshot host) {
        Resources after = host.allocated().plus(request.resources());
        double cpu = ratio(after.milliCpu(), host.allocatable().milliCpu());
        double memory = ratio(after.memoryMiB(), host.allocatable().memoryMiB());
        return (int) Math.round(100 * (cpu + memory) / 2);
    }

    private static double ratio(long used, long total) {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) used / total);
    }
}
