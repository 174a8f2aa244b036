package dev.berth.placement;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.berth.placement.HostSnapshot.ProviderClass;

/**
 * Fleet-wide figures some plugins need beside the host in hand (kube-scheduler's PreScore
 * state): computed once per snapshot in one pass, read-only afterwards, so a decision
 * never rescans the fleet per host.
 */
public final class FleetStats {

    public static final FleetStats EMPTY = of(java.util.List.of());

    private long privateAllocatedCpu;
    private long privateAllocatableCpu;
    private long privateAllocatedMemory;
    private long privateAllocatableMemory;
    private long maxMicrosPerVcpuHour;
    private long maxMicrosPerGiBHour;
    private final Map<String, Integer> groupTotals = new HashMap<>();
    private final Map<String, Map<String, Integer>> groupZones = new HashMap<>();
    private final Map<String, Integer> groupMaxPerZone = new HashMap<>();

    private FleetStats() {
    }

    public static FleetStats of(Collection<HostSnapshot> hosts) {
        FleetStats s = new FleetStats();
        for (HostSnapshot h : hosts) {
            if (h.providerClass() == ProviderClass.PRIVATE) {
                s.privateAllocatedCpu += h.allocated().milliCpu();
                s.privateAllocatableCpu += h.allocatable().milliCpu();
                s.privateAllocatedMemory += h.allocated().memoryMiB();
                s.privateAllocatableMemory += h.allocatable().memoryMiB();
            }
            s.maxMicrosPerVcpuHour = Math.max(s.maxMicrosPerVcpuHour, h.price().microsPerVcpuHour());
            s.maxMicrosPerGiBHour = Math.max(s.maxMicrosPerGiBHour, h.price().microsPerGiBHour());
            h.groupCounts().forEach((group, n) -> {
                s.groupTotals.merge(group, n, Integer::sum);
                int inZone = s.groupZones.computeIfAbsent(group, g -> new HashMap<>()).merge(h.zone(), n, Integer::sum);
                s.groupMaxPerZone.merge(group, inZone, Math::max);
            });
        }
        return s;
    }

    /** Mean of CPU and memory allocation over private hosts, 0..1; 1 when there is no private capacity. */
    public double privateUtilisation() {
        if (privateAllocatableCpu <= 0 && privateAllocatableMemory <= 0) {
            return 1.0;
        }
        return (ratio(privateAllocatedCpu, privateAllocatableCpu) + ratio(privateAllocatedMemory, privateAllocatableMemory)) / 2;
    }

    public int groupTotal(String groupKey) {
        return groupKey == null ? 0 : groupTotals.getOrDefault(groupKey, 0);
    }

    public int groupInZone(String groupKey, String zone) {
        Map<String, Integer> zones = groupKey == null ? null : groupZones.get(groupKey);
        return zones == null ? 0 : zones.getOrDefault(zone, 0);
    }

    public int groupMaxPerZone(String groupKey) {
        return groupKey == null ? 0 : groupMaxPerZone.getOrDefault(groupKey, 0);
    }

    public HostSnapshot.Price maxPrice() {
        return new HostSnapshot.Price(maxMicrosPerVcpuHour, maxMicrosPerGiBHour);
    }

    private static double ratio(long used, long total) {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) used / total);
    }
}
