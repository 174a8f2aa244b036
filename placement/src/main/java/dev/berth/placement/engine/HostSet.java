package dev.berth.placement.engine;

import dev.berth.placement.plugins.CapacityFilter;

import java.util.Arrays;

/**
 * A set of host positions (indexes into a {@link FleetColumns}) as a bitset: bit {@code h}
 * of word {@code h >>> 6}. The survivors of a decision: every filter kernel narrows it, and
 * the word operations count what they removed, so a filter that drops hosts by a
 * precomputed bitset handles 64 hosts per step and still reports exactly how many it
 * rejected.
 */
public final class HostSet {

    private final long[] words;
    private final int size;

    private HostSet(long[] words, int size) {
        this.words = words;
        this.size = size;
    }

    /** Every host of a fleet of {@code size}. */
    public static HostSet all(int size) {
        return all(size, null);
    }

    /**
     * Every host of a fleet of {@code size}, in {@code reuse} when it has exactly the words
     * needed (a decision's scratch buffer, overwritten here), else in a new array.
     */
    public static HostSet all(int size, long[] reuse) {
        long[] words = reuse != null && reuse.length == wordsFor(size) ? reuse : new long[wordsFor(size)];
        Arrays.fill(words, -1L);
        if ((size & 63) != 0) {
            words[words.length - 1] = -1L >>> (64 - (size & 63));
        }
        return new HostSet(words, size);
    }

    /** No host, in a fleet of {@code size}. */
    public static HostSet none(int size) {
        return new HostSet(new long[wordsFor(size)], size);
    }

    public static int wordsFor(int size) {
        return (size + 63) >>> 6;
    }

    /** The fleet size this set is drawn from (not how many hosts are in it). */
    public int fleetSize() {
        return size;
    }

    public boolean contains(int host) {
        return (words[host >>> 6] & (1L << host)) != 0;
    }

    public void add(int host) {
        words[host >>> 6] |= 1L << host;
    }

    /** @return whether the host was in the set */
    public boolean remove(int host) {
        long bit = 1L << host;
        long word = words[host >>> 6];
        words[host >>> 6] = word & ~bit;
        return (word & bit) != 0;
    }

    /** Keeps only hosts also in {@code bits} (a bitset of this fleet's size); returns how many were removed. */
    public int retainAll(long[] bits) {
        int removed = 0;
        for (int w = 0; w < words.length; w++) {
            long word = words[w];
            long kept = word & bits[w];
            removed += Long.bitCount(word ^ kept);
            words[w] = kept;
        }
        return removed;
    }

    /** Removes every host in {@code bits}; returns how many of them were in the set. */
    public int removeAll(long[] bits) {
        int removed = 0;
        for (int w = 0; w < words.length; w++) {
            long word = words[w];
            removed += Long.bitCount(word & bits[w]);
            words[w] = word & ~bits[w];
        }
        return removed;
    }

    /** Removes every listed host (positions, any order, no duplicates); returns how many were in the set. */
    public int removeAll(int[] hosts) {
        int removed = 0;
        for (int host : hosts) {
            if (remove(host)) {
                removed++;
            }
        }
        return removed;
    }

    public int count() {
        int n = 0;
        for (long word : words) {
            n += Long.bitCount(word);
        }
        return n;
    }

    /** The first host at or after {@code from}, or -1. Loop: {@code for (h = s.next(0); h >= 0; h = s.next(h + 1))}. */
    public int next(int from) {
        if (from >= size) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    /**
     * The live words, for kernels that walk survivors a word at a time (see
     * {@link CapacityFilter}); bits past {@link #fleetSize()} are always clear.
     */
    public long[] words() {
        return words;
    }
}
