package dev.berth.placement.engine;

import dev.berth.placement.PlacementFilter;
import dev.berth.placement.plugins.CapacityFilter;
import dev.berth.placement.plugins.HealthFilter;

/**
 * One filter prepared for one request over one {@link FleetColumns}: the request resolved
 * once (ids looked up, bitsets chosen — kube-scheduler's PreFilter), then asked per host by
 * position. Must answer exactly as the filter's {@link PlacementFilter#filter} would on the
 * same host: same verdict, same reason constant.
 */
public interface FilterKernel {

    /** A kernel that passes every host (the request does not use this filter). */
    public FilterKernel PASS_ALL = new FilterKernel() {
        @Override
        public String reject(int host) {
            return null;
        }

        @Override
        public void narrow(HostSet survivors, RejectionTally tally) {
        }
    };

    /** @return null when the host passes, else the reason constant it is rejected for */
    public String reject(int host);

    /**
     * Removes from {@code survivors} every host this filter rejects, counting each under its
     * reason. The default asks {@link #reject} host by host; override it with word operations
     * on precomputed bitsets (see {@link HealthFilter}) or a loop over primitive columns (see
     * {@link CapacityFilter}) — that override is where full scans get fast.
     */
    public default void narrow(HostSet survivors, RejectionTally tally) {
        for (int h = survivors.next(0); h >= 0; h = survivors.next(h + 1)) {
            String reason = reject(h);
            if (reason != null) {
                survivors.remove(h);
                tally.add(reason, 1);
            }
        }
    }
}
