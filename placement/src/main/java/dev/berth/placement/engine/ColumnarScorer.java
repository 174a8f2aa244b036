package dev.berth.placement.engine;

import dev.berth.placement.FleetStats;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.PlacementScorer;

/**
 * A scorer that can also run over a columnar snapshot: the fast path. Optional — a
 * {@link PlacementScorer} without it is asked host by host through its
 * {@link PlacementScorer#score}, clamped to 0..100.
 */
public interface ColumnarScorer extends PlacementScorer {

    /** Per decision: request-wide figures computed once; no pass over every host. */
    public ScoreKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats);
}
