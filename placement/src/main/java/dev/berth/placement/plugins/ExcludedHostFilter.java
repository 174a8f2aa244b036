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

import java.util.Arrays;

/** Drops hosts this request already lost a reservation race on, or failed on. */
public final class ExcludedHostFilter implements ColumnarFilter {

    public static final String NAME = "ExcludedHost";
    public static final String ALREADY_TRIED = "already_tried";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        return request.excludeHosts().contains(host.id()) ? FilterResult.reject(ALREADY_TRIED) : FilterResult.pass();
    }

    /** The excluded ids become positions once; a host not in the snapshot excludes nothing. */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        if (request.excludeHosts().isEmpty()) {
            return FilterKernel.PASS_ALL;
        }
        int[] excluded = request.excludeHosts().stream().mapToInt(fleet::position).filter(h -> h >= 0).sorted().toArray();
        return new FilterKernel() {
            @Override
            public String reject(int host) {
                return Arrays.binarySearch(excluded, host) >= 0 ? ALREADY_TRIED : null;
            }

            @Override
            public void narrow(HostSet survivors, RejectionTally tally) {
                tally.add(ALREADY_TRIED, survivors.removeAll(excluded));
            }
        };
    }
}
