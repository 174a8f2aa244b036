package dev.berth.placement.engine;

import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;

import java.util.Arrays;
import java.util.List;

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
    private final WalkOrder[] byKind;
    private final WalkOrder[][] byKindAndRegion;
    private final WalkOrder nowhere;

    private FleetIndex(List<HostSnapshot> hosts) {
        this.hosts = List.copyOf(hosts);
        this.columns = FleetColumns.of(this.hosts);
        this.stats = FleetStats.of(this.hosts);
        int[] mostFreeFirst = columns.cpuIndex().order();
        WorkloadKind[] kinds = WorkloadKind.values();
        byKind = new WalkOrder[kinds.length];
        byKindAndRegion = new WalkOrder[kinds.length][];
        int[] region = columns.regions();
        for (WorkloadKind kind : kinds) {
            long[] supporting = columns.supporting(kind);
            int[] list = Arrays.stream(mostFreeFirst).filter(h -> (supporting[h >>> 6] & (1L << h)) != 0).toArray();
            byKind[kind.ordinal()] = new WalkOrder(list, columns);
            int[][] parts = perRegion(list, region, columns.regionCount());
            byKindAndRegion[kind.ordinal()] = new WalkOrder[parts.length];
            for (int r = 0; r < parts.length; r++) {
                byKindAndRegion[kind.ordinal()][r] = new WalkOrder(parts[r], columns);
            }
        }
        nowhere = new WalkOrder(new int[0], columns);
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
    public WalkOrder candidates(WorkloadKind kind, String region) {
        if (region == null) {
            return byKind[kind.ordinal()];
        }
        int id = columns.regionId(region);
        return id < 0 ? nowhere : byKindAndRegion[kind.ordinal()][id];
    }
}
