package dev.berth.placement.engine;

import dev.berth.placement.HostSnapshot;
import dev.berth.placement.plugins.CapacityFilter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.berth.placement.HostSnapshot.HealthStatus;
import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.provider.spi.WorkloadKind;

/**
 * A fleet snapshot turned sideways: one primitive array per attribute, hosts addressed by
 * position (0..size-1, the order they were given in). Built once per snapshot and shared,
 * read-only, by every decision on it, so a full scan is a tight loop over arrays and
 * bitsets with nothing allocated per host. Strings (regions, zones, label values, groups)
 * become int ids or lists of hosts at build time; kernels look a request's strings up once
 * per decision.
 *
 * <p>Arrays returned by accessors are the live columns: kernels read them, never write.
 */
public final class FleetColumns {

    private final HostSnapshot[] hosts;
    private final int size;
    private final Map<UUID, Integer> positions;

    private final long[] allocatableCpu;
    private final long[] allocatedCpu;
    private final long[] allocatableMemory;
    private final long[] allocatedMemory;
    private final double[] cpuReciprocal;
    private final double[] memoryReciprocal;
    private final long[] freeCpu;
    private final long[] freeMemory;
    private final long[] freeDisk;
    private final CapacityIndex cpuIndex;
    private final CapacityIndex memoryIndex;
    private final CapacityIndex diskIndex;
    private final long[] priceCpu;
    private final long[] priceMemory;
    private final long[] idMix;

    private final int[] instances;
    private final int[] instanceLimit;
    private final long[] atInstanceLimit;

    private final long[] cordoned;
    private final long[] unhealthy;
    private final long[][] byKind;
    private final long[][] byProviderClass;
    private final byte[] providerClass;

    private final Map<String, Integer> regionIds = new HashMap<>();
    private final List<String> regionNames = new ArrayList<>();
    private final int[] region;
    private final HostList[] byRegion;
    private final Map<String, Integer> zoneIds = new HashMap<>();
    private final List<String> zoneNames = new ArrayList<>();
    private final int[] zone;
    private final HostList[] byZone;

    private final Map<String, Map<String, HostList>> labelValues;
    private final Map<String, HostList> labelKeys;
    private final Map<String, GroupMembers> groups;

    /** Per-snapshot results kernels derive and reuse across decisions (e.g. a tenant's eligible hosts). */
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

    /** Hosts running members of one {@code tenant/group}: positions ascending, and how many members each. */
    public record GroupMembers(HostList hosts, int[] counts) {

        /** Members on the host at this position (0 when none). */
        public int count(int host) {
            int at = Arrays.binarySearch(hosts.hosts(), host);
            return at >= 0 ? counts[at] : 0;
        }
    }

    private FleetColumns(List<HostSnapshot> snapshot) {
        size = snapshot.size();
        hosts = snapshot.toArray(new HostSnapshot[0]);
        positions = new HashMap<>(size * 2);
        allocatableCpu = new long[size];
        allocatedCpu = new long[size];
        allocatableMemory = new long[size];
        allocatedMemory = new long[size];
        cpuReciprocal = new double[size];
        memoryReciprocal = new double[size];
        freeCpu = new long[size];
        freeMemory = new long[size];
        freeDisk = new long[size];
        priceCpu = new long[size];
        priceMemory = new long[size];
        idMix = new long[size];
        instances = new int[size];
        instanceLimit = new int[size];
        providerClass = new byte[size];
        region = new int[size];
        zone = new int[size];
        int words = HostSet.wordsFor(size);
        atInstanceLimit = new long[words];
        cordoned = new long[words];
        unhealthy = new long[words];
        byKind = new long[WorkloadKind.values().length][words];
        byProviderClass = new long[ProviderClass.values().length][words];
        List<IntList> regionMembers = new ArrayList<>();
        List<IntList> zoneMembers = new ArrayList<>();
        Map<String, Map<String, IntList>> values = new HashMap<>();
        Map<String, IntList> keys = new HashMap<>();
        Map<String, IntList> groupHosts = new HashMap<>();
        Map<String, IntList> groupCounts = new HashMap<>();
        for (int h = 0; h < size; h++) {
            HostSnapshot host = hosts[h];
            positions.put(host.id(), h);
            allocatableCpu[h] = host.allocatable().milliCpu();
            allocatedCpu[h] = host.allocated().milliCpu();
            allocatableMemory[h] = host.allocatable().memoryMiB();
            allocatedMemory[h] = host.allocated().memoryMiB();
            cpuReciprocal[h] = allocatableCpu[h] > 0 ? 1.0 / allocatableCpu[h] : 0;
            memoryReciprocal[h] = allocatableMemory[h] > 0 ? 1.0 / allocatableMemory[h] : 0;
            freeCpu[h] = Math.max(0, host.allocatable().milliCpu() - host.allocated().milliCpu());
            freeMemory[h] = Math.max(0, host.allocatable().memoryMiB() - host.allocated().memoryMiB());
            freeDisk[h] = Math.max(0, host.allocatable().diskGiB() - host.allocated().diskGiB());
            priceCpu[h] = host.price().microsPerVcpuHour();
            priceMemory[h] = host.price().microsPerGiBHour();
            idMix[h] = Evaluation.idMix(host.id());
            instances[h] = host.instances();
            instanceLimit[h] = host.instanceLimit();
            long bit = 1L << h;
            if (host.atInstanceLimit()) {
                atInstanceLimit[h >>> 6] |= bit;
            }
            if (host.cordoned()) {
                cordoned[h >>> 6] |= bit;
            }
            if (host.health() == HealthStatus.UNHEALTHY) {
                unhealthy[h >>> 6] |= bit;
            }
            for (WorkloadKind kind : host.supportedKinds()) {
                byKind[kind.ordinal()][h >>> 6] |= bit;
            }
            providerClass[h] = (byte) host.providerClass().ordinal();
            byProviderClass[host.providerClass().ordinal()][h >>> 6] |= bit;
            region[h] = id(host.region(), regionIds, regionNames);
            if (region[h] == regionMembers.size()) {
                regionMembers.add(new IntList());
            }
            regionMembers.get(region[h]).add(h);
            zone[h] = id(host.zone(), zoneIds, zoneNames);
            if (zone[h] == zoneMembers.size()) {
                zoneMembers.add(new IntList());
            }
            zoneMembers.get(zone[h]).add(h);
            for (Map.Entry<String, String> label : host.labels().entrySet()) {
                values.computeIfAbsent(label.getKey(), k -> new HashMap<>()).computeIfAbsent(label.getValue(), v -> new IntList()).add(h);
                keys.computeIfAbsent(label.getKey(), k -> new IntList()).add(h);
            }
            for (Map.Entry<String, Integer> group : host.groupCounts().entrySet()) {
                if (group.getValue() > 0) {
                    groupHosts.computeIfAbsent(group.getKey(), g -> new IntList()).add(h);
                    groupCounts.computeIfAbsent(group.getKey(), g -> new IntList()).add(group.getValue());
                }
            }
        }
        cpuIndex = new CapacityIndex(freeCpu);
        memoryIndex = new CapacityIndex(freeMemory);
        diskIndex = new CapacityIndex(freeDisk);
        byRegion = regionMembers.stream().map(list -> list.toHostList(size)).toArray(HostList[]::new);
        byZone = zoneMembers.stream().map(list -> list.toHostList(size)).toArray(HostList[]::new);
        labelValues = new HashMap<>();
        values.forEach((key, byValue) -> {
            Map<String, HostList> lists = new HashMap<>();
            byValue.forEach((value, list) -> lists.put(value, list.toHostList(size)));
            labelValues.put(key, lists);
        });
        labelKeys = new HashMap<>();
        keys.forEach((key, list) -> labelKeys.put(key, list.toHostList(size)));
        groups = new HashMap<>();
        groupHosts.forEach((group, list) -> groups.put(group, new GroupMembers(list.toHostList(size), groupCounts.get(group).toArray())));
    }

    private static int id(String name, Map<String, Integer> ids, List<String> names) {
        Integer known = ids.get(name);
        if (known != null) {
            return known;
        }
        ids.put(name, names.size());
        names.add(name);
        return names.size() - 1;
    }

    public static FleetColumns of(List<HostSnapshot> hosts) {
        return new FleetColumns(hosts);
    }

    public int size() {
        return size;
    }

    public HostSnapshot host(int position) {
        return hosts[position];
    }

    /** The host's position, or -1 when it is not in this snapshot. */
    public int position(UUID hostId) {
        Integer at = positions.get(hostId);
        return at == null ? -1 : at;
    }

    public long[] allocatableCpu() {
        return allocatableCpu;
    }

    public long[] allocatedCpu() {
        return allocatedCpu;
    }

    public long[] allocatableMemory() {
        return allocatableMemory;
    }

    public long[] allocatedMemory() {
        return allocatedMemory;
    }

    /** 1 / allocatable CPU (0 when none): a multiply where a bound does not need the exact division. */
    public double[] cpuReciprocal() {
        return cpuReciprocal;
    }

    public double[] memoryReciprocal() {
        return memoryReciprocal;
    }

    /** max(0, allocatable − allocated), per host: what {@link CapacityFilter} compares with. */
    public long[] freeCpu() {
        return freeCpu;
    }

    public long[] freeMemory() {
        return freeMemory;
    }

    public long[] freeDisk() {
        return freeDisk;
    }

    /** Free CPU sorted, with prefix bitsets: who has room, a word at a time. */
    public CapacityIndex cpuIndex() {
        return cpuIndex;
    }

    public CapacityIndex memoryIndex() {
        return memoryIndex;
    }

    public CapacityIndex diskIndex() {
        return diskIndex;
    }

    /** {@link HostSnapshot.Price#microsPerVcpuHour()} per host. */
    public long[] priceCpu() {
        return priceCpu;
    }

    /** {@link HostSnapshot.Price#microsPerGiBHour()} per host. */
    public long[] priceMemory() {
        return priceMemory;
    }

    /** Each host id folded into one long, for the tie-break ({@link Evaluation#tieBreak}). */
    public long[] idMix() {
        return idMix;
    }

    /** Live workloads per host. */
    public int[] instances() {
        return instances;
    }

    /** Instance limit per host ({@link HostSnapshot#NO_INSTANCE_LIMIT} when unlimited). */
    public int[] instanceLimits() {
        return instanceLimit;
    }

    /** Bitset of hosts holding as many workloads as they may: {@link HostSnapshot#atInstanceLimit()}. */
    public long[] atInstanceLimit() {
        return atInstanceLimit;
    }

    /** Bitset of cordoned hosts. */
    public long[] cordoned() {
        return cordoned;
    }

    /** Bitset of hosts whose last probe failed. */
    public long[] unhealthy() {
        return unhealthy;
    }

    /** Bitset of hosts able to run the kind. */
    public long[] supporting(WorkloadKind kind) {
        return byKind[kind.ordinal()];
    }

    /** Bitset of hosts of the class. */
    public long[] ofProviderClass(ProviderClass providerClass) {
        return byProviderClass[providerClass.ordinal()];
    }

    /** {@link ProviderClass} ordinal per host. */
    public byte[] providerClasses() {
        return providerClass;
    }

    /** Region id per host; names by {@link #regionName}. */
    public int[] regions() {
        return region;
    }

    public int regionCount() {
        return regionNames.size();
    }

    /** The id of a region ("" = hosts with no region), or -1 when no host is in it. */
    public int regionId(String name) {
        Integer id = regionIds.get(name);
        return id == null ? -1 : id;
    }

    public String regionName(int id) {
        return regionNames.get(id);
    }

    public HostList inRegion(int id) {
        return byRegion[id];
    }

    /** Zone id per host; names by {@link #zoneName}. */
    public int[] zones() {
        return zone;
    }

    public int zoneCount() {
        return zoneNames.size();
    }

    /** The id of a zone ("" = hosts with no zone), or -1 when no host is in it. */
    public int zoneId(String name) {
        Integer id = zoneIds.get(name);
        return id == null ? -1 : id;
    }

    public String zoneName(int id) {
        return zoneNames.get(id);
    }

    public HostList inZone(int id) {
        return byZone[id];
    }

    /** Hosts labelled {@code key=value} (an empty list when none). */
    public HostList labelled(String key, String value) {
        HostList list = labelValues.getOrDefault(key, Map.of()).get(value);
        return list == null ? nobody() : list;
    }

    /** The empty list of this fleet's size: what a value no host has matches. */
    public HostList nobody() {
        return new HostList(new int[0], size);
    }

    /** Hosts carrying the label key, whatever its value. */
    public HostList labelledWithKey(String key) {
        HostList list = labelKeys.get(key);
        return list == null ? nobody() : list;
    }

    /** The values of one label key present in the fleet, each with its hosts. */
    public Map<String, HostList> labelValues(String key) {
        return java.util.Collections.unmodifiableMap(labelValues.getOrDefault(key, Map.of()));
    }

    /** Hosts running members of {@code tenant/group}; null when none does. */
    public GroupMembers group(String groupKey) {
        return groupKey == null ? null : groups.get(groupKey);
    }

    /**
     * Something derived from this snapshot, computed on first use and kept as long as the
     * snapshot: how a kernel avoids redoing per-snapshot work per decision while keeping
     * {@link ColumnarFilter#prepare} cheap. Keys must have value equality (records); the
     * function must be pure.
     */
    @SuppressWarnings("unchecked")
    public <K, V> V derived(K key, Function<K, V> compute) {
        return (V) derived.computeIfAbsent(key, k -> compute.apply((K) k));
    }

    /** A growable int array: the build collects positions without boxing them. */
    private static final class IntList {
        private int[] items = new int[4];
        private int used;

        void add(int value) {
            if (used == items.length) {
                items = Arrays.copyOf(items, used * 2);
            }
            items[used++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(items, used);
        }

        HostList toHostList(int fleetSize) {
            return new HostList(toArray(), fleetSize);
        }
    }
}
