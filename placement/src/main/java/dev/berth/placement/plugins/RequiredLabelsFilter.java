package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarFilter;
import dev.berth.placement.engine.FilterKernel;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.HostList;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.RejectionTally;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps hosts matching the request's own constraints: region, zone, provider class, then
 * every required label with exactly its value. Checked broad to narrow so the reason names
 * the coarsest mismatch.
 */
public final class RequiredLabelsFilter implements ColumnarFilter {

    public static final String NAME = "RequiredLabels";
    public static final String REGION_MISMATCH = "region_mismatch";
    public static final String ZONE_MISMATCH = "zone_mismatch";
    public static final String PROVIDER_CLASS_MISMATCH = "provider_class_mismatch";
    public static final String LABEL_MISMATCH = "label_mismatch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        PlacementHints hints = request.hints();
        if (hints.region() != null && !hints.region().equals(host.region())) {
            return FilterResult.reject(REGION_MISMATCH);
        }
        if (hints.zone() != null && !hints.zone().equals(host.zone())) {
            return FilterResult.reject(ZONE_MISMATCH);
        }
        if (hints.providerClass() != null && hints.providerClass() != host.providerClass()) {
            return FilterResult.reject(PROVIDER_CLASS_MISMATCH);
        }
        for (Map.Entry<String, String> label : hints.requiredLabels().entrySet()) {
            if (!label.getValue().equals(host.labels().get(label.getKey()))) {
                return FilterResult.reject(LABEL_MISMATCH);
            }
        }
        return FilterResult.pass();
    }

    /**
     * Each constraint becomes the list of hosts meeting it (a region, zone or label value
     * nobody has: the empty list), narrowed broad to narrow as {@link #filter} checks.
     */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        PlacementHints hints = request.hints();
        HostList region = null;
        if (hints.region() != null) {
            int id = fleet.regionId(hints.region());
            region = id < 0 ? fleet.nobody() : fleet.inRegion(id);
        }
        HostList zone = null;
        if (hints.zone() != null) {
            int id = fleet.zoneId(hints.zone());
            zone = id < 0 ? fleet.nobody() : fleet.inZone(id);
        }
        long[] providerClass = hints.providerClass() == null ? null : fleet.ofProviderClass(hints.providerClass());
        List<HostList> labels = new ArrayList<>();
        hints.requiredLabels().forEach((key, value) -> labels.add(fleet.labelled(key, value)));
        if (region == null && zone == null && providerClass == null && labels.isEmpty()) {
            return FilterKernel.PASS_ALL;
        }
        return new Kernel(region, zone, providerClass, labels.toArray(new HostList[0]));
    }

    private record Kernel(HostList region, HostList zone, long[] providerClass, HostList[] labels) implements FilterKernel {

        @Override
        public String reject(int host) {
            if (region != null && !region.contains(host)) {
                return REGION_MISMATCH;
            }
            if (zone != null && !zone.contains(host)) {
                return ZONE_MISMATCH;
            }
            if (providerClass != null && (providerClass[host >>> 6] & (1L << host)) == 0) {
                return PROVIDER_CLASS_MISMATCH;
            }
            for (HostList label : labels) {
                if (!label.contains(host)) {
                    return LABEL_MISMATCH;
                }
            }
            return null;
        }

        @Override
        public void narrow(HostSet survivors, RejectionTally tally) {
            if (region != null) {
                tally.add(REGION_MISMATCH, region.retainIn(survivors));
            }
            if (zone != null) {
                tally.add(ZONE_MISMATCH, zone.retainIn(survivors));
            }
            if (providerClass != null) {
                tally.add(PROVIDER_CLASS_MISMATCH, survivors.retainAll(providerClass));
            }
            for (HostList label : labels) {
                tally.add(LABEL_MISMATCH, label.retainIn(survivors));
            }
        }
    }
}
