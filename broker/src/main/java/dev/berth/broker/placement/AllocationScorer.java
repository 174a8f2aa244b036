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
public final class AllocationScorer implements ColumnarScorer {

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
        int packed = packed(host.allocated().milliCpu() + want.milliCpu(), host.allocatable().milliCpu(),
                host.allocated().memoryMiB() + want.memoryMiB(), host.allocatable().memoryMiB());
        return strategy == Strategy.BIN_PACK ? packed : 100 - packed;
    }

    /**
     * The same arithmetic as {@link #score}, over the allocation columns; and a bound that
     * multiplies by precomputed reciprocals instead of dividing, so a full scan divides only
     * for hosts that could still make the top candidates.
     */
    @Override
    public ScoreKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        return new Kernel(request.resources().milliCpu(), request.resources().memoryMiB(), strategy == Strategy.BIN_PACK,
                fleet.allocatedCpu(), fleet.allocatableCpu(), fleet.allocatedMemory(), fleet.allocatableMemory(),
                fleet.cpuReciprocal(), fleet.memoryReciprocal());
    }

    private record Kernel(long cpu, long memory, boolean packing, long[] usedCpu, long[] totalCpu, long[] usedMemory,
            long[] totalMemory, double[] cpuReciprocal, double[] memoryReciprocal) implements ScoreKernel {

        @Override
        public int score(int h) {
            int packed = packed(usedCpu[h] + cpu, totalCpu[h], usedMemory[h] + memory, totalMemory[h]);
            return packing ? packed : 100 - packed;
        }

        @Override
        public void addWeighted(int[] hosts, int count, long weight, long[] sums) {
            for (int k = 0; k < count; k++) {
                int h = hosts[k];
                int packed = packed(usedCpu[h] + cpu, totalCpu[h], usedMemory[h] + memory, totalMemory[h]);
                sums[k] += weight * (packing ? packed : 100 - packed);
            }
        }

        @Override
        public boolean bounded() {
            return true;
        }

        /**
         * x = 50 × (cpu ratio + memory ratio) with each ratio multiplied, not divided: within
         * 1e-12 of the exact expression, so the exact rounded score lies in [⌊x⌋, ⌊x⌋ + 1].
         * Bin-pack's bound is the top of that range, spread's 100 minus its bottom.
         */
        @Override
        public void addWeightedBound(int[] hosts, int count, long weight, long[] sums) {
            for (int k = 0; k < count; k++) {
                int h = hosts[k];
                long usedC = usedCpu[h] + cpu;
                long usedM = usedMemory[h] + memory;
                double c = usedC >= totalCpu[h] ? 1.0 : usedC * cpuReciprocal[h];
                double m = usedM >= totalMemory[h] ? 1.0 : usedM * memoryReciprocal[h];
                long floor = (long) (50 * (c + m));
                sums[k] += weight * (packing ? Math.min(100, floor + 1) : 100 - floor);
            }
        }
    }

    /** Mean utilisation after placing, 0..100: one expression shared by both paths, so they agree to the bit. */
    static int packed(long usedCpu, long totalCpu, long usedMemory, long totalMemory) {
        return (int) Math.round(100 * (ratio(usedCpu, totalCpu) + ratio(usedMemory, totalMemory)) / 2);
    }

    private static double ratio(long used, long total) {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) used / total);
    }
}
