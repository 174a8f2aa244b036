package dev.berth.broker.placement;

/** Keeps hosts whose driver can run the requested kind (container / VM). */
public final class KindSupportFilter implements PlacementFilter {

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
}
