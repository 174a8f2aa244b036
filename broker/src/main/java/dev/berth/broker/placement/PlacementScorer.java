package dev.berth.broker.placement;

/** Ranks a host that passed every filter: 0 (worst) .. 100 (best). */
public interface PlacementScorer {

    String name();

    int score(PlacementRequest request, HostSnapshot host);
}
