package dev.berth.placement;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/** Hosts and requests for placement tests: healthy, uncordoned, container-capable unless a wither says otherwise. */
public final class Fleet {

    public static final Resources SMALL = new Resources(500, 512, 10);
    public static final Resources ROOMY = new Resources(4000, 8192, 100);

    private Fleet() {
    }

    public static HostSnapshot host(String name, Resources allocatable, Resources allocated) {
        return new HostSnapshot(UUID.nameUUIDFromBytes(name.getBytes()), name, Set.of(WorkloadKind.CONTAINER),
                false, HostSnapshot.HealthStatus.HEALTHY, allocatable, allocated, Map.of());
    }

    public static HostSnapshot host(String name) {
        return host(name, ROOMY, Resources.ZERO);
    }

    public static HostSnapshot cordoned(HostSnapshot h) {
        return new HostSnapshot(h.id(), h.name(), h.supportedKinds(), true, h.health(), h.allocatable(), h.allocated(), h.labels(),
                h.region(), h.zone(), h.providerClass(), h.price(), h.groupCounts(),
                h.instances(), h.instanceLimit());
    }

    public static HostSnapshot withHealth(HostSnapshot h, HostSnapshot.HealthStatus health) {
        return new HostSnapshot(h.id(), h.name(), h.supportedKinds(), h.cordoned(), health, h.allocatable(), h.allocated(), h.labels(),
                h.region(), h.zone(), h.providerClass(), h.price(), h.groupCounts(),
                h.instances(), h.instanceLimit());
    }

    public static HostSnapshot supporting(HostSnapshot h, Set<WorkloadKind> kinds) {
        return new HostSnapshot(h.id(), h.name(), kinds, h.cordoned(), h.health(), h.allocatable(), h.allocated(), h.labels(),
                h.region(), h.zone(), h.providerClass(), h.price(), h.groupCounts(),
                h.instances(), h.instanceLimit());
    }

    public static HostSnapshot labelled(HostSnapshot h, Map<String, String> labels) {
        return new HostSnapshot(h.id(), h.name(), h.supportedKinds(), h.cordoned(), h.health(), h.allocatable(), h.allocated(),
                labels, h.region(), h.zone(), h.providerClass(), h.price(), h.groupCounts(),
                h.instances(), h.instanceLimit());
    }

    /** {@code instances} live workloads on the host, which may hold {@code limit}. */
    public static HostSnapshot holding(HostSnapshot h, int instances, int limit) {
        return h.withInstances(instances, limit);
    }

    public static HostSnapshot in(HostSnapshot h, String region, String zone, HostSnapshot.ProviderClass providerClass) {
        return h.withLocation(region, zone, providerClass);
    }

    /** {@code "k=v;k2=v2"} (values may hold commas); blank or null: no labels. */
    public static Map<String, String> labels(String spec) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String pair : spec.trim().split(";")) {
                String[] kv = pair.split("=", 2);
                labels.put(kv[0].trim(), kv[1].trim());
            }
        }
        return labels;
    }

    public static PlacementRequest request(Resources resources) {
        return request(UUID.randomUUID(), resources);
    }

    public static PlacementRequest request(UUID requestId, Resources resources) {
        return new PlacementRequest(requestId, "acme", WorkloadKind.CONTAINER, resources, Set.of());
    }

    public static Resources cpu(long milliCpu) {
        return new Resources(milliCpu, 0, 0);
    }
}
