package dev.berth.placement;

import java.util.Map;

import dev.berth.placement.HostSnapshot.ProviderClass;

/**
 * Where the workload asks to land. Every field is optional: {@code null} (or an empty map)
 * means "anywhere". Immutable; build with {@link #NONE} and the {@code with…} methods.
 *
 * @param requiredLabels host labels that must be present with exactly these values
 * @param group          the workload group (within the tenant) affinity rules refer to
 * @param affinity       land next to the group's other members: hard (filter) or soft (score)
 * @param antiAffinity   land away from them: hard (filter) or soft (score)
 * @param isolation      DEDICATED: only hosts dedicated to this tenant
 */
public record PlacementHints(
        Map<String, String> requiredLabels,
        String region,
        String zone,
        ProviderClass providerClass,
        String group,
        Affinity affinity,
        Affinity antiAffinity,
        Isolation isolation) {

    public enum Affinity { NONE, SOFT, HARD }

    public enum Isolation { SHARED, DEDICATED }

    public static final PlacementHints NONE =
            new PlacementHints(Map.of(), null, null, null, null, Affinity.NONE, Affinity.NONE, Isolation.SHARED);

    public PlacementHints {
        requiredLabels = requiredLabels == null ? Map.of() : Map.copyOf(requiredLabels);
        affinity = affinity == null ? Affinity.NONE : affinity;
        antiAffinity = antiAffinity == null ? Affinity.NONE : antiAffinity;
        isolation = isolation == null ? Isolation.SHARED : isolation;
    }

    public PlacementHints withRequiredLabels(Map<String, String> labels) {
        return new PlacementHints(labels, region, zone, providerClass, group, affinity, antiAffinity, isolation);
    }

    public PlacementHints withRegion(String region) {
        return new PlacementHints(requiredLabels, region, zone, providerClass, group, affinity, antiAffinity, isolation);
    }

    public PlacementHints withZone(String zone) {
        return new PlacementHints(requiredLabels, region, zone, providerClass, group, affinity, antiAffinity, isolation);
    }

    public PlacementHints withProviderClass(ProviderClass providerClass) {
        return new PlacementHints(requiredLabels, region, zone, providerClass, group, affinity, antiAffinity, isolation);
    }

    public PlacementHints withGroup(String group, Affinity affinity, Affinity antiAffinity) {
        return new PlacementHints(requiredLabels, region, zone, providerClass, group, affinity, antiAffinity, isolation);
    }

    public PlacementHints withIsolation(Isolation isolation) {
        return new PlacementHints(requiredLabels, region, zone, providerClass, group, affinity, antiAffinity, isolation);
    }
}
