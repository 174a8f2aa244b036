package dev.berth.broker.placement;

/** A yes/no question about one host for one request. Cheap, pure, one rule per class. */
public interface PlacementFilter {

    /** Stable name, shown in explanations. */
    String name();

    FilterResult filter(PlacementRequest request, HostSnapshot host);
}
