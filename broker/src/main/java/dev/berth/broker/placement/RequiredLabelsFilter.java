package dev.berth.broker.placement;

import java.util.Map;

/**
 * Keeps hosts matching the request's own constraints: region, zone, provider class, then
 * every required label with exactly its value. Checked broad to narrow so the reason names
 * the coarsest mismatch.
 */
public final class RequiredLabelsFilter implements PlacementFilter {

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
}
