package dev.berth.broker.placement;

/**
 * Keeps hosts that can take work now: not cordoned by an admin, not failing their probe.
 * A host never probed yet (UNKNOWN) is allowed: registration probes it, so UNKNOWN only
 * lasts until the first probe and refusing it would stall a fresh fleet.
 */
public final class HealthFilter implements PlacementFilter {

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
}
