package dev.berth.broker.hosts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.placement.HostSnapshot;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * A registered placement target, as stored.
 *
 * @param instances    live workloads holding a reservation here
 * @param maxInstances how many it may hold at once; null = no limit (a cloud account's {@code maxInstances})
 * @param diskEnforced whether disk is a limit here; false when the host's disk capacity is unknown
 *                     (it could not be measured and no admin stated it), so disk requests are counted
 *                     but never refused on it
 */
public record Host(
        UUID id,
        String name,
        String driver,
        String endpoint,
        Map<String, String> options,
        Map<String, String> labels,
        String providerClass,
        Pricing pricing,
        Set<WorkloadKind> supportedKinds,
        String engineVersion,
        Resources capacity,
        Overcommit overcommit,
        Resources allocatable,
        Resources allocated,
        int instances,
        Integer maxInstances,
        boolean cordoned,
        HostSnapshot.HealthStatus health,
        String healthDetail,
        OffsetDateTime healthCheckedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        boolean diskEnforced) {

    public static final String PRIVATE = "private";
    public static final String PUBLIC = "public";

    /** Price of an hour of one vCPU and of one GiB of memory on this host (one currency, fleet-wide). */
    public record Pricing(BigDecimal vcpuHour, BigDecimal memoryGiBHour) {
        public static final Pricing FREE = new Pricing(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Allocatable = capacity × ratio, per dimension. */
    public record Overcommit(BigDecimal cpu, BigDecimal memory, BigDecimal disk) {
        public static final Overcommit NONE = new Overcommit(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
    }

    public HostConnection connection() {
        return new HostConnection(driver, endpoint, options);
    }

    public HostSnapshot snapshot() {
        return snapshot(Map.of());
    }

    /** As placement sees it: location from labels, provider class and prices from the row, the groups it runs. */
    public HostSnapshot snapshot(Map<String, Integer> groupCounts) {
        return new HostSnapshot(id, name, supportedKinds, cordoned, health, placementAllocatable(), allocated, labels)
                .withLocation(labels.getOrDefault(HostSnapshot.REGION_LABEL, ""), labels.getOrDefault(HostSnapshot.ZONE_LABEL, ""),
                        PUBLIC.equals(providerClass) ? HostSnapshot.ProviderClass.PUBLIC : HostSnapshot.ProviderClass.PRIVATE)
                .withPrice(new HostSnapshot.Price(micros(pricing.vcpuHour()), micros(pricing.memoryGiBHour())))
                .withGroupCounts(groupCounts)
                .withInstances(instances, maxInstances == null ? HostSnapshot.NO_INSTANCE_LIMIT : maxInstances);
    }

    /** Allocatable as placement filters on it: an unenforced disk never runs out. */
    private Resources placementAllocatable() {
        return diskEnforced ? allocatable
                : new Resources(allocatable.milliCpu(), allocatable.memoryMiB(), UNENFORCED_DISK_GIB);
    }

    /** Far beyond any request, far from overflow when free disk is computed from it. */
    private static final long UNENFORCED_DISK_GIB = Long.MAX_VALUE / 4;

    private static long micros(BigDecimal price) {
        return price.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
