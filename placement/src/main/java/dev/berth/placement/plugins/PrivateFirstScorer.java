package dev.berth.placement.plugins;

import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarScorer;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.ScoreKernel;

import dev.berth.placement.HostSnapshot.ProviderClass;

/**
 * Prefers owned (private) hosts while the private fleet is below a utilisation threshold:
 * private 100, public 0. Past the threshold every host scores 100, so public capacity
 * competes on the other scorers (cost, allocation) — the hook for cloud bursting. The
 * utilisation is the fleet's, not the host's: bursting is a fleet-wide decision.
 */
public final class PrivateFirstScorer implements ColumnarScorer {

    public static final String NAME = "PrivateFirst";

    private final double threshold;

    /** @param threshold private fleet utilisation (0..1) from which public hosts are as welcome */
    public PrivateFirstScorer(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int score(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        if (fleet.privateUtilisation() >= threshold) {
            return 100;
        }
        return host.providerClass() == ProviderClass.PRIVATE ? 100 : 0;
    }

    /** Constant past the threshold; below it, the provider-class column, and public hosts known to score 0. */
    @Override
    public ScoreKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        if (stats.privateUtilisation() >= threshold) {
            return ScoreKernel.constant(100);
        }
        byte[] classes = fleet.providerClasses();
        byte owned = (byte) ProviderClass.PRIVATE.ordinal();
        return new ScoreKernel() {
            @Override
            public int score(int host) {
                return classes[host] == owned ? 100 : 0;
            }

            @Override
            public java.util.List<Ceiling> ceilings() {
                return java.util.List.of(new Ceiling(fleet.ofProviderClass(ProviderClass.PUBLIC), 0));
            }

            @Override
            public void addWeighted(int[] hosts, int count, long weight, long[] sums) {
                long add = weight * 100;
                for (int k = 0; k < count; k++) {
                    if (classes[hosts[k]] == owned) {
                        sums[k] += add;
                    }
                }
            }
        };
    }
}
