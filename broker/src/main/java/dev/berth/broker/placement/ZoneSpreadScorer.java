package dev.berth.broker.placement;

/**
 * Spreads a workload group across zones, so losing one zone loses the fewest members:
 * 100 × (1 − members in the host's zone / members in the fullest zone). A zone with no
 * member scores 100; hosts with no zone form one zone of their own (""). No group, or a
 * group with no member yet: 100 everywhere.
 */
public final class ZoneSpreadScorer implements PlacementScorer {

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
        int here = fleet.groupInZone(group, host.zone());
        return (int) Math.round(100.0 * (fullest - here) / fullest);
    }
}
