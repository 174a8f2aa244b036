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

/** Keeps hosts whose driver can run the requested kind (container / VM). */
public final class KindSupportFilter implements ColumnarFilter {

    public static final String NAME = "KindSupport";
    public static final String KIND_UNSUPPORTED = "kind_unsupported";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        return host.supportedKinds().contains(request.kind()) ? FilterResult.pass() : FilterResult.reject(KIND_UNSUPPORTED);
    }

    /** One bitset per kind in the snapshot. */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        long[] supporting = fleet.supporting(request.kind());
        return new FilterKernel() {
            @Override
            public String reject(int host) {
                return (supporting[host >>> 6] & (1L << host)) != 0 ? null : KIND_UNSUPPORTED;
            }

            @Override
            public void narrow(HostSet survivors, RejectionTally tally) {
                tally.add(KIND_UNSUPPORTED, survivors.retainAll(supporting));
            }
        };
    }
}
