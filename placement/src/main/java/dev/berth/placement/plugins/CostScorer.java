package dev.berth.placement.plugins;

import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarScorer;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.ScoreKernel;

import dev.berth.provider.spi.Resources;

/**
 * Cheaper for this request scores higher: 100 × (1 − hourly cost here / hourly cost at the
 * fleet's highest prices). Cost is priced on the request, not the host, so a host cheap in
 * CPU but dear in memory loses memory-heavy workloads. Owned hardware is free (100); a fleet
 * with no prices scores 100 everywhere.
 */
public final class CostScorer implements ColumnarScorer {

    public static final String NAME = "Cost";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int score(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        long dearest = fleet.maxPrice().hourly(request.resources());
        if (dearest <= 0) {
            return 100;
        }
        return score(host.price().hourly(request.resources()), dearest);
    }

    /** {@link HostSnapshot.Price#hourly} over the price columns; free hosts skip the division, and a scan only divides for hosts still in reach. */
    @Override
    public ScoreKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        Resources want = request.resources();
        long dearest = stats.maxPrice().hourly(want);
        if (dearest <= 0) {
            return ScoreKernel.constant(100);
        }
        long cpu = want.milliCpu();
        long memory = want.memoryMiB();
        long[] perVcpu = fleet.priceCpu();
        long[] perGiB = fleet.priceMemory();
        return new ScoreKernel() {
            @Override
            public int score(int h) {
                return CostScorer.score(cpu * perVcpu[h] / 1000 + memory * perGiB[h] / 1024, dearest);
            }

            @Override
            public void addWeighted(int[] hosts, int count, long weight, long[] sums) {
                for (int k = 0; k < count; k++) {
                    int h = hosts[k];
                    long here = cpu * perVcpu[h] / 1000 + memory * perGiB[h] / 1024;
                    sums[k] += weight * (here == 0 ? 100 : CostScorer.score(here, dearest));
                }
            }

            @Override
            public boolean bounded() {
                return true;
            }

            /** 100: the divisions are left for hosts the other scores keep in reach. */
            @Override
            public void addWeightedBound(int[] hosts, int count, long weight, long[] sums) {
                long add = weight * 100;
                for (int k = 0; k < count; k++) {
                    sums[k] += add;
                }
            }
        };
    }

    private static int score(long here, long dearest) {
        return (int) Math.round(100.0 * (dearest - Math.min(here, dearest)) / dearest);
    }
}
