package dev.berth.placement;

/**
 * Ranks a host that passed every filter: 0 (worst) .. 100 (best). A scorer that does not
 * apply to a request returns the same value for every host, so it never changes the order.
 * The pipeline weights and sums the scores ({@link PlacementConfig#scorerWeights()}).
 */
public interface PlacementScorer {

    /** Stable name, shown in explanations and used in {@link PlacementConfig}. */
    String name();

    int score(PlacementRequest request, HostSnapshot host, FleetStats fleet);
}
