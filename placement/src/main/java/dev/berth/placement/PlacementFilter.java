package dev.berth.placement;

/**
 * A yes/no question about one host for one request. Cheap, pure, one rule per class.
 * A rejection names a reason constant of the filter; explanations count hosts by it.
 */
public interface PlacementFilter {

    /** Stable name, shown in explanations and used in {@link PlacementConfig}. */
    String name();

    /** @param fleet fleet-wide figures of the same snapshot (most filters ignore it) */
    FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet);
}
