package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarFilter;
import dev.berth.placement.engine.FilterKernel;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.RejectionTally;

/**
 * Keeps hosts that can take work now: not cordoned by an admin, not failing their probe.
 * A host never probed yet (UNKNOWN) is allowed: registration probes it, so UNKNOWN only
 * lasts until the first probe and refusing it would stall a fresh fleet.
 */
public final class HealthFilter implements ColumnarFilter {

    public static final String NAME = "HealthAndCordon";
    public static final String CORDONED = "cordoned";
    public static final String UNHEALTHY = "unhealthy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        if (host.cordoned()) {
            return FilterResult.reject(CORDONED);
        }
        if (host.health() == HostSnapshot.HealthStatus.UNHEALTHY) {
            return FilterResult.reject(UNHEALTHY);
        }
        return FilterResult.pass();
    }

    /** Two bitsets of the snapshot; cordoned first, as in {@link #filter}, so a host counts once. */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        long[] cordoned = fleet.cordoned();
        long[] unhealthy = fleet.unhealthy();
        return new FilterKernel() {
            @Override
            public String reject(int host) {
                long bit = 1L << host;
                if ((cordoned[host >>> 6] & bit) != 0) {
                    return CORDONED;
                }
                return (unhealthy[host >>> 6] & bit) != 0 ? UNHEALTHY : null;
            }

            @Override
            public void narrow(HostSet survivors, RejectionTally tally) {
                tally.add(CORDONED, survivors.removeAll(cordoned));
                tally.add(UNHEALTHY, survivors.removeAll(unhealthy));
            }
        };
    }
}
