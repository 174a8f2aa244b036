package dev.berth.placement.plugins;

import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarScorer;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.ScoreKernel;

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
                fleet.cpuReciprocal(), fleet.memoryReciprocal(), fleet);
    }

    /** Levels of the score hosts have before any placement, one bitset per {@value #LEVEL_STEP} points. */
    static final int LEVEL_STEP = 5;

    /**
     * Per snapshot: {@code atLeast[i]} holds the hosts whose allocation score before placing
     * anything is at least {@code i × LEVEL_STEP}, {@code below[i]} the others; and the
     * smallest CPU and memory any host has, which bound how far one request can move a score.
     */
    private record Levels(long[][] atLeast, long[][] below, long smallestCpu, long smallestMemory) {
    }

    private record LevelsOf() {
    }

    private static Levels levels(FleetColumns fleet) {
        int n = fleet.size();
        int words = HostSet.wordsFor(n);
        int count = 100 / LEVEL_STEP + 1;
        long[][] atLeast = new long[count][words];
        long smallestCpu = Long.MAX_VALUE;
        long smallestMemory = Long.MAX_VALUE;
        for (int h = 0; h < n; h++) {
            long totalCpu = fleet.allocatableCpu()[h];
            long totalMemory = fleet.allocatableMemory()[h];
            int now = packed(fleet.allocatedCpu()[h], totalCpu, fleet.allocatedMemory()[h], totalMemory);
            for (int i = 0; i <= now / LEVEL_STEP; i++) {
                atLeast[i][h >>> 6] |= 1L << h;
            }
            smallestCpu = totalCpu > 0 ? Math.min(smallestCpu, totalCpu) : smallestCpu;
            smallestMemory = totalMemory > 0 ? Math.min(smallestMemory, totalMemory) : smallestMemory;
        }
        long[][] below = new long[count][];
        HostSet all = HostSet.all(n);
        for (int i = 0; i < count; i++) {
            below[i] = all.words().clone();
            for (int w = 0; w < words; w++) {
                below[i][w] &= ~atLeast[i][w];
            }
        }
        return new Levels(atLeast, below, smallestCpu, smallestMemory);
    }

    private record Kernel(long cpu, long memory, boolean packing, long[] usedCpu, long[] totalCpu, long[] usedMemory,
            long[] totalMemory, double[] cpuReciprocal, double[] memoryReciprocal, FleetColumns fleet) implements ScoreKernel {

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
         * Placing only adds, so spread's score is at most 100 − the score before; bin-pack's
         * rises by at most Δ = 50 × (cpu / smallest CPU + memory / smallest memory) (+1 for
         * rounding). So hosts below (bin-pack) or above (spread) a level leave a full scan a
         * word at a time once the top three are out of their reach.
         */
        @Override
        public java.util.List<Ceiling> ceilings() {
            Levels levels = fleet.derived(new LevelsOf(), key -> levels(fleet));
            java.util.List<Ceiling> out = new java.util.ArrayList<>();
            if (packing) {
                double rise = 50.0 * ((levels.smallestCpu() == Long.MAX_VALUE ? 0 : (double) cpu / levels.smallestCpu())
                        + (levels.smallestMemory() == Long.MAX_VALUE ? 0 : (double) memory / levels.smallestMemory()));
                long slack = (long) Math.ceil(rise) + 1;
                for (int i = 1; i < levels.below().length; i++) {
                    long atMost = i * LEVEL_STEP - 1 + slack;
                    if (atMost < 100) {
                        out.add(new Ceiling(levels.below()[i], (int) atMost));
                    }
                }
            } else {
                for (int i = 1; i < levels.atLeast().length; i++) {
                    out.add(new Ceiling(levels.atLeast()[i], 100 - i * LEVEL_STEP));
                }
            }
            return out;
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
