package dev.berth.broker.workloads;

import java.util.Map;

/**
 * Where a workload may run (hard constraints) and would rather run (preferences), as the
 * tenant asked. Stored with the workload; the placement pipeline reads it on every
 * (re-)placement. Null fields mean "no constraint".
 *
 * @param group        tenant-scoped workload group for affinity, anti-affinity and zone spread
 */
public record PlacementHints(String region, String zone, String providerClass, Map<String, String> requiredLabels,
                             String group, Preference affinity, Preference antiAffinity) {

    /** How strongly a co-location rule applies. */
    public enum Preference { NONE, SOFT, HARD }

    public static final PlacementHints NONE = new PlacementHints(null, null, null, Map.of(), null, Preference.NONE, Preference.NONE);

    public PlacementHints {
        requiredLabels = requiredLabels == null ? Map.of() : Map.copyOf(requiredLabels);
        affinity = affinity == null ? Preference.NONE : affinity;
        antiAffinity = antiAffinity == null ? Preference.NONE : antiAffinity;
    }
}
