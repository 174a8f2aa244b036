package dev.berth.broker.placement;

import java.util.Arrays;
import java.util.List;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * A snapshot prepared for placement, built once and shared by every decision on it: the
 * {@link FleetColumns} both modes scan, the {@link FleetStats} scorers read, and FAST mode's
 * walk orders — hosts per kind and per (kind, region), each ordered by free CPU, most free
 * first, so the hosts with room for a request are a prefix found by binary search (a
 * capacity bucket of exactly the right size). The walk orders only skip hosts a filter
 * would reject anyway (wrong kind, wrong region, no room, cordoned or unhealthy); every host
 * they offer still goes through the whole chain.
 */
public final class FleetIndex {

    private final List<HostSnapshot> hosts;
    private final FleetColumns columns;
    private final FleetStats stats;
    private final boolean[] usable;
    private final int[][] byKind;
    private final int[][][] byKindAndRegion;

    private FleetIndex(List<HostSnapshot> hosts) {
        this.hosts = List.copyOf(hosts);
        this.columns = FleetColumns.of(this.hosts);
        this.stats = FleetStats.of(this.hosts);
        int n = this.hosts.size();
        usable = new boolean[n];
        for (int h = 0; h < n; h++) {
            HostSnapshot host = this.hosts.get(h);
            usable[h] = !host.cordoned() && host.health() != HostSnapshot.HealthStatus.UNHEALTHY;
        }
        int[] mostFreeFirst = columns.cpuIndex().order();
        WorkloadKind[] kinds = WorkloadKind.values();
        byKind = new int[kinds.length][];
        byKindAndRegion = new int[kinds.length][][];
        int[] region = columns.regions();
        for (WorkloadKind kind : kinds) {
            long[] supporting = columns.supporting(kind);
            int[] list = Arrays.stream(mostFreeFirst).filter(h -> (supporting[h >>> 6] & (1L << h)) != 0).toArray();
            byKind[kind.ordinal()] = list;
            byKindAndRegion[kind.ordinal()] = perRegion(list, region, columns.regionCount());
        }
    }

    /** The list split by region, one pass, each part keeping the list's order. */
    private static int[][] perRegion(int[] list, int[] region, int regions) {
        int[] counts = new int[regions];
        for (int h : list) {
            counts[region[h]]++;
        }
        int[][] parts = new int[regions][];
        for (int r = 0; r < regions; r++) {
            parts[r] = new int[counts[r]];
        }
        int[] filled = new int[regions];
        for (int h : list) {
            parts[region[h]][filled[region[h]]++] = h;
        }
        return parts;
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

    public FleetColumns columns() {
        return columns;
    }

    public int size() {
        return hosts.size();
    }

    /** Hosts supporting the kind (in the region, when one is required), most free CPU first. */
    int[] candidates(WorkloadKind kind, String region) {
        if (region == null) {
            return byKind[kind.ordinal()];
        }
        int id = columns.regionId(region);
        return id < 0 ? new int[0] : byKindAndRegion[kind.ordinal()][id];
    }

    /** How many leading entries of a candidate list have at least this much free CPU. */
    int withFreeCpu(int[] list, long milliCpu) {
        long[] freeCpu = columns.freeCpu();
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
    boolean mayFit(int h, Resources want) {
        return usable[h] && columns.freeMemory()[h] >= want.memoryMiB() && columns.freeDisk()[h] >= want.diskGiB();
    }
}
