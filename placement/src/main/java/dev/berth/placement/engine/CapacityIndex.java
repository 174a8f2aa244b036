package dev.berth.placement.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One free-capacity column sorted, with bitsets of its prefixes: the hosts with at least
 * {@code want} free are the first {@code p} of the order (a binary search finds {@code p}),
 * and that prefix is the bitset of the nearest stored prefix above it minus the few hosts
 * between — so "who has room" costs one pass over the bitset words and at most one bucket
 * of single hosts, not a compare per host. Buckets are a 64th of the fleet (at least one
 * word), so the bitsets take 64 × n / 8 bytes per dimension.
 */
public final class CapacityIndex {

    private final int[] order;
    private final long[] sortedFree;
    private final int step;
    /** prefixes[q]: the first (q + 1) × step hosts of the order. */
    private final long[][] prefixes;

    public CapacityIndex(long[] free) {
        int n = free.length;
        order = mostFreeFirst(free);
        sortedFree = new long[n];
        for (int k = 0; k < n; k++) {
            sortedFree[k] = free[order[k]];
        }
        step = Math.max(64, (n + 63) / 64);
        int buckets = (n + step - 1) / step;
        prefixes = new long[buckets][];
        long[] bits = new long[HostSet.wordsFor(n)];
        for (int q = 0; q < buckets; q++) {
            for (int k = q * step; k < Math.min(n, (q + 1) * step); k++) {
                bits[order[k] >>> 6] |= 1L << order[k];
            }
            prefixes[q] = bits.clone();
        }
    }

    /** Positions, most free first, ties by position: a primitive sort of (free, position) packed in a long. */
    private static int[] mostFreeFirst(long[] free) {
        int n = free.length;
        long max = Arrays.stream(free).max().orElse(0);
        if (n > 0 && max > (Long.MAX_VALUE - n) / n) {
            // capacities beyond any real host: keep the exact order with a boxed sort rather than overflow the key
            return IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingLong((Integer h) -> -free[h]).thenComparingInt(h -> h))
                    .mapToInt(Integer::intValue).toArray();
        }
        long[] keys = new long[n];
        for (int h = 0; h < n; h++) {
            keys[h] = (max - free[h]) * n + h;
        }
        Arrays.sort(keys);
        int[] sorted = new int[n];
        for (int k = 0; k < n; k++) {
            sorted[k] = (int) (keys[k] % n);
        }
        return sorted;
    }

    /** Positions, most free first. Read-only. */
    public int[] order() {
        return order;
    }

    /** How many hosts have at least {@code want} free (they are the first that many of {@link #order()}). */
    public int atLeast(long want) {
        int lo = 0;
        int hi = sortedFree.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedFree[mid] >= want) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Removes survivors with less than {@code want} free; returns how many were removed. */
    public int retainAtLeast(HostSet survivors, long want) {
        int fits = atLeast(want);
        if (fits == order.length) {
            return 0;
        }
        if (fits == 0) {
            int removed = survivors.count();
            survivors.retainAll(new long[HostSet.wordsFor(order.length)]);
            return removed;
        }
        // the stored prefix just covering the fitting hosts, then the rest of its bucket one by one
        int bucket = (fits - 1) / step;
        int removed = survivors.retainAll(prefixes[bucket]);
        int end = Math.min(order.length, (bucket + 1) * step);
        for (int k = fits; k < end; k++) {
            if (survivors.remove(order[k])) {
                removed++;
            }
        }
        return removed;
    }
}
