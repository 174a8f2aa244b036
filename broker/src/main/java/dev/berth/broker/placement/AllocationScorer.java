package dev.berth.broker.placement;

import dev.berth.provider.spi.Resources;

/**
 * Scores how allocated a host will be after placing the request (mean of CPU and memory
 * utilisation; disk is not scored), with a sign set by the strategy:
 * <ul>
 *   <li>{@link Strategy#BIN_PACK} — most allocated wins: workloads pack tightly and whole
 *       hosts stay free for large requests (and can be powered down);</li>
 *   <li>{@link Strategy#SPREAD} — least allocated wins: load and blast radius spread out.</li>
 * </ul>
 */
public final class AllocationScorer implements PlacementScorer {

    public static final String NAME = "Allocation";

    public enum Strategy { BIN_PACK, SPREAD }

    private final Strategy strategy;

    public AllocationScorer(Strategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int score(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        Resources want = request.resources();
        double cpu = ratio(host.allocated().milliCpu() + want.milliCpu(), host.allocatable().milliCpu());
        double memory = ratio(host.allocated().memoryMiB() + want.memoryMiB(), host.allocatable().memoryMiB());
        int packed = (int) Math.round(100 * (cpu + memory) / 2);
        return strategy == Strategy.BIN_PACK ? packed : 100 - packed;
    }

    private static double ratio(long used, long total) {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) used / total);
    }
}
