package dev.berth.broker.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * A snapshot prepared for fast placement, built once and shared by every decision on it.
 * Hosts are listed per kind and per (kind, region), each list ordered by free CPU, most free
 * first: the hosts with room for a request are a prefix found by binary search (a capacity
 * bucket of exactly the right size). Free memory and disk sit in primitive arrays, so most
 * hosts that cannot fit are skipped without touching their snapshot. The index only skips
 * hosts a filter would reject anyway (wrong kind, wrong region, no room, cordoned or
 * unhealthy); every host it offers still goes through the whole chain.
 */
public final class FleetIndex {

    private final List<HostSnapshot> hosts;
    private final FleetStats stats;
    private final long[] freeCpu;
    private final long[] freeMemory;
    private final long[] freeDisk;
    private final boolean[] usable;
    private final Map<WorkloadKind, int[]> byKind = new EnumMap<>(WorkloadKind.class);
    private final Map<WorkloadKind, Map<String, int[]>> byKindAndRegion = new EnumMap<>(WorkloadKind.class);

    private FleetIndex(List<HostSnapshot> hosts) {
        this.hosts = List.copyOf(hosts);
        this.stats = FleetStats.of(this.hosts);
        int n = this.hosts.size();
        freeCpu = new long[n];
        freeMemory = new long[n];
        freeDisk = new long[n];
        usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            HostSnapshot h = this.hosts.get(i);
            freeCpu[i] = Math.max(0, h.allocatable().milliCpu() - h.allocated().milliCpu());
            freeMemory[i] = Math.max(0, h.allocatable().memoryMiB() - h.allocated().memoryMiB());
            freeDisk[i] = Math.max(0, h.allocatable().diskGiB() - h.allocated().diskGiB());
            usable[i] = !h.cordoned() && h.health() != HostSnapshot.HealthStatus.UNHEALTHY;
        }
        Comparator<Integer> mostFreeFirst = Comparator.comparingLong((Integer i) -> -freeCpu[i]).thenComparingInt(i -> i);
        for (WorkloadKind kind : WorkloadKind.values()) {
            List<Integer> all = IntStream.range(0, n).filter(i -> this.hosts.get(i).supportedKinds().contains(kind))
                    .boxed().sorted(mostFreeFirst).toList();
            byKind.put(kind, all.stream().mapToInt(Integer::intValue).toArray());
            Map<String, List<Integer>> regions = new HashMap<>();
            all.forEach(i -> regions.computeIfAbsent(this.hosts.get(i).region(), r -> new ArrayList<>()).add(i));
            Map<String, int[]> lists = new HashMap<>();
            regions.forEach((region, list) -> lists.put(region, list.stream().mapToInt(Integer::intValue).toArray()));
            byKindAndRegion.put(kind, lists);
        }
    }

    public static FleetIndex of(List<HostSnapshot> hosts) {
        return new FleetIndex(hosts);
    }

    public List<HostSnapshot> hosts() {
        return hosts;
    }

    public FleetStats stats() {
        return stats;
    }

    public int size() {
        return hosts.size();
    }

    HostSnapshot host(int i) {
        return hosts.get(i);
    }

    /** Hosts supporting the kind (in the region, when one is required), most free CPU first. */
    int[] candidates(WorkloadKind kind, String region) {
        if (region == null) {
            return byKind.get(kind);
        }
        return byKindAndRegion.get(kind).getOrDefault(region, new int[0]);
    }

    /** How many leading entries of a candidate list have at least this much free CPU. */
    int withFreeCpu(int[] list, long milliCpu) {
        int lo = 0;
        int hi = list.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (freeCpu[list[mid]] >= milliCpu) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The primitive pre-check: usable, and room for memory and disk (CPU is the list prefix). */
    boolean mayFit(int i, Resources want) {
        return usable[i] && freeMemory[i] >= want.memoryMiB() && freeDisk[i] >= want.diskGiB();
    }
}
