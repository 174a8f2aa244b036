package dev.berth.placement.plugins;

import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarScorer;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.ScoreKernel;

/**
 * Spreads a workload group across zones, so losing one zone loses the fewest members:
 * 100 × (1 − members in the host's zone / members in the fullest zone). A zone with no
 * member scores 100; hosts with no zone form one zone of their own (""). No group, or a
 * group with no member yet: 100 everywhere.
 */
public final class ZoneSpreadScorer implements ColumnarScorer {

    public static final String NAME = "ZoneSpread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int score(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        String group = request.groupKey();
        int fullest = fleet.groupMaxPerZone(group);
        if (fullest == 0) {
            return 100;
        }
        return score(fullest, fleet.groupInZone(group, host.zone()));
    }

    /** A score per zone id, computed once per decision; per host, one array lookup. */
    @Override
    public ScoreKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        String group = request.groupKey();
        int fullest = stats.groupMaxPerZone(group);
        if (fullest == 0) {
            return ScoreKernel.constant(100);
        }
        int[] byZone = new int[fleet.zoneCount()];
        for (int z = 0; z < byZone.length; z++) {
            byZone[z] = score(fullest, stats.groupInZone(group, fleet.zoneName(z)));
        }
        int[] zones = fleet.zones();
        return new ScoreKernel() {
            @Override
            public int score(int host) {
                return byZone[zones[host]];
            }

            @Override
            public void addWeighted(int[] hosts, int count, long weight, long[] sums) {
                for (int k = 0; k < count; k++) {
                    sums[k] += weight * byZone[zones[hosts[k]]];
                }
            }
        };
    }

    private static int score(int fullest, int here) {
        return (int) Math.round(100.0 * (fullest - here) / fullest);
    }
}
