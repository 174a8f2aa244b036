package dev.berth.broker.placement;

/** Drops hosts this request already lost a reservation race on, or failed on. */
public final class ExcludedHostFilter implements PlacementFilter {

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
}
