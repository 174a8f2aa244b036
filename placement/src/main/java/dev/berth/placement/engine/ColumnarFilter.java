package dev.berth.placement.engine;

import dev.berth.placement.FleetStats;
import dev.berth.placement.PlacementFilter;
import dev.berth.placement.PlacementRequest;

/**
 * A filter that can also run over a columnar snapshot: the fast path. Optional — a
 * {@link PlacementFilter} without it still works, asked host by host through its
 * {@link PlacementFilter#filter} (policies do this). How to add a kernel: see the
 * placement README, "Adding a filter or scorer".
 */
public interface ColumnarFilter extends PlacementFilter {

    /**
     * Per decision: resolve the request against the snapshot. Must be cheap (no pass over
     * every host: cache per-snapshot work in {@link FleetColumns}), because FAST mode asks
     * only a few dozen hosts after it.
     */
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats);
}
