package dev.berth.placement;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * One host as placement sees it at one instant: immutable, so a decision is made on a
 * consistent picture without holding any lock. The reservation that follows re-checks
 * capacity in PostgreSQL, which is what makes a stale snapshot harmless.
 *
 * <p>Location and provider class are explicit fields (filters and the index read them on
 * every host, a field is cheaper than a label lookup); the 8-argument constructor derives
 * them from the labels {@value #REGION_LABEL}, {@value #ZONE_LABEL} and
 * {@value #PROVIDER_CLASS_LABEL}, so a host registered with labels needs nothing else.
 *
 * @param allocatable capacity × overcommit
 * @param allocated   what live workloads hold now
 * @param region      "" when unknown
 * @param zone        "" when unknown
 * @param price       what an hour of this host costs (free for owned hardware)
 * @param groupCounts live workloads per group on this host, keyed {@code tenant/group}
 * @param instances   live workloads holding a reservation here
 * @param instanceLimit how many it may hold at once; {@link #NO_INSTANCE_LIMIT} when unlimited
 */
public record HostSnapshot(
        UUID id,
        String name,
        Set<WorkloadKind> supportedKinds,
        boolean cordoned,
        HealthStatus health,
        Resources allocatable,
        Resources allocated,
        Map<String, String> labels,
        String region,
        String zone,
        ProviderClass providerClass,
        Price price,
        Map<String, Integer> groupCounts,
        int instances,
        int instanceLimit) {

    /** An instance limit no host reaches: what a host without one (the usual case) has. */
    public static final int NO_INSTANCE_LIMIT = Integer.MAX_VALUE;

    public static final String REGION_LABEL = "region";
    public static final String ZONE_LABEL = "zone";
    public static final String PROVIDER_CLASS_LABEL = "provider-class";

    public enum HealthStatus { UNKNOWN, HEALTHY, UNHEALTHY }

    /** Owned hardware, or capacity rented from a public cloud (the burst target). */
    public enum ProviderClass {
        PRIVATE, PUBLIC;

        /** Label value {@code private}/{@code public}, case-insensitive; anything else is private. */
        public static ProviderClass fromLabel(String value) {
            return "public".equalsIgnoreCase(value) ? PUBLIC : PRIVATE;
        }
    }

    /** Hourly prices in micro-units of the billing currency (1 = 0.000001), exact integer arithmetic. */
    public record Price(long microsPerVcpuHour, long microsPerGiBHour) {

        public static final Price FREE = new Price(0, 0);

        public Price {
            if (microsPerVcpuHour < 0 || microsPerGiBHour < 0) {
                throw new IllegalArgumentException("prices must not be negative");
            }
        }

        /** Micro-units per hour for these resources (memory priced per GiB of MiB asked). */
        public long hourly(Resources r) {
            return r.milliCpu() * microsPerVcpuHour / 1000 + r.memoryMiB() * microsPerGiBHour / 1024;
        }
    }

    public HostSnapshot {
        supportedKinds = Set.copyOf(supportedKinds);
        labels = Map.copyOf(labels);
        region = region == null ? "" : region;
        zone = zone == null ? "" : zone;
        providerClass = providerClass == null ? ProviderClass.PRIVATE : providerClass;
        price = price == null ? Price.FREE : price;
        groupCounts = Map.copyOf(groupCounts);
        if (instances < 0 || instanceLimit <= 0) {
            throw new IllegalArgumentException("instances must not be negative, an instance limit must be positive");
        }
    }

    /** No instance count, no limit: hosts as placement saw them before instance limits. */
    public HostSnapshot(UUID id, String name, Set<WorkloadKind> supportedKinds, boolean cordoned, HealthStatus health,
            Resources allocatable, Resources allocated, Map<String, String> labels, String region, String zone,
            ProviderClass providerClass, Price price, Map<String, Integer> groupCounts) {
        this(id, name, supportedKinds, cordoned, health, allocatable, allocated, labels, region, zone, providerClass, price,
                groupCounts, 0, NO_INSTANCE_LIMIT);
    }

    /** Location and provider class from labels, free, no groups: what {@code Host.snapshot()} builds. */
    public HostSnapshot(UUID id, String name, Set<WorkloadKind> supportedKinds, boolean cordoned, HealthStatus health,
            Resources allocatable, Resources allocated, Map<String, String> labels) {
        this(id, name, supportedKinds, cordoned, health, allocatable, allocated, labels,
                labels.get(REGION_LABEL), labels.get(ZONE_LABEL),
                ProviderClass.fromLabel(labels.get(PROVIDER_CLASS_LABEL)), Price.FREE, Map.of());
    }

    /** Holds as many workloads as it may: takes no more, whatever their size. */
    public boolean atInstanceLimit() {
        return instances >= instanceLimit;
    }

    public int groupCount(String groupKey) {
        return groupKey == null ? 0 : groupCounts.getOrDefault(groupKey, 0);
    }

    public HostSnapshot withLocation(String region, String zone, ProviderClass providerClass) {
        return new HostSnapshot(id, name, supportedKinds, cordoned, health, allocatable, allocated, labels,
                region, zone, providerClass, price, groupCounts, instances, instanceLimit);
    }

    public HostSnapshot withPrice(Price price) {
        return new HostSnapshot(id, name, supportedKinds, cordoned, health, allocatable, allocated, labels,
                region, zone, providerClass, price, groupCounts, instances, instanceLimit);
    }

    public HostSnapshot withGroupCounts(Map<String, Integer> groupCounts) {
        return new HostSnapshot(id, name, supportedKinds, cordoned, health, allocatable, allocated, labels,
                region, zone, providerClass, price, groupCounts, instances, instanceLimit);
    }

    public HostSnapshot withInstances(int instances, int instanceLimit) {
        return new HostSnapshot(id, name, supportedKinds, cordoned, health, allocatable, allocated, labels,
                region, zone, providerClass, price, groupCounts, instances, instanceLimit);
    }

    /** This host after the request landed on it: what a simulation applies between decisions. */
    public HostSnapshot placing(PlacementRequest request) {
        Map<String, Integer> groups = new HashMap<>(groupCounts);
        if (request.groupKey() != null) {
            groups.merge(request.groupKey(), 1, Integer::sum);
        }
        return new HostSnapshot(id, name, supportedKinds, cordoned, health, allocatable,
                allocated.plus(request.resources()), labels, region, zone, providerClass, price, groups,
                instances + 1, instanceLimit);
    }
}
