package dev.berth.broker.placement;

/**
 * Cheaper for this request scores higher: 100 × (1 − hourly cost here / hourly cost at the
 * fleet's highest prices). Cost is priced on the request, not the host, so a host cheap in
 * CPU but dear in memory loses memory-heavy workloads. Owned hardware is free (100); a fleet
 * with no prices scores 100 everywhere.
 */
public final class CostScorer implements PlacementScorer {

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
        long here = host.price().hourly(request.resources());
        return (int) Math.round(100.0 * (dearest - Math.min(here, dearest)) / dearest);
    }
}
