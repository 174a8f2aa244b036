package dev.berth.placement.engine;

import java.util.Arrays;

/**
 * Hosts sharing one attribute (a label value, a group): their positions ascending, and a
 * bitset too when they are many. Rare values stay a short list — a bitset per value of a
 * label unique to each host would cost n²/8 bytes.
 */
public final class HostList {

        private final int[] hosts;
    private final long[] bits;
    private final int fleetSize;

    /** @param hosts positions, ascending, no duplicates (kept, not copied) */
    public HostList(int[] hosts, int fleetSize) {
        this.hosts = hosts;
        this.fleetSize = fleetSize;
        // a bitset costs fleetSize / 8 bytes, the list 4 bytes a host: keep both once the bitset is the smaller
        this.bits = (long) hosts.length * 32 >= fleetSize && hosts.length > 0 ? toBits() : null;
    }

    private long[] toBits() {
        long[] b = new long[HostSet.wordsFor(fleetSize)];
        for (int h : hosts) {
            b[h >>> 6] |= 1L << h;
        }
        return b;
    }

    public int size() {
        return hosts.length;
    }

    /** Positions, ascending. Read-only. */
    public int[] hosts() {
        return hosts;
    }

    public boolean contains(int host) {
        return bits != null ? (bits[host >>> 6] & (1L << host)) != 0 : Arrays.binarySearch(hosts, host) >= 0;
    }

    /** As a bitset over the fleet: the shared one when dense (read-only!), else a fresh one. */
    public long[] bits() {
        return bits != null ? bits : toBits();
    }

    /** Sets this list's hosts in {@code into} (a bitset of the fleet). */
    public void addTo(long[] into) {
        if (bits != null) {
            for (int w = 0; w < into.length; w++) {
                into[w] |= bits[w];
            }
        } else {
            for (int h : hosts) {
                into[h >>> 6] |= 1L << h;
            }
        }
    }

    /** Survivors also in this list; returns how many were removed. */
    public int retainIn(HostSet survivors) {
        return survivors.retainAll(bits());
    }

    /** Survivors not in this list; returns how many were removed. */
    public int removeFrom(HostSet survivors) {
        return bits != null ? survivors.removeAll(bits) : survivors.removeAll(hosts);
    }
}
