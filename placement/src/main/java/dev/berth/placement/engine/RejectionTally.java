package dev.berth.placement.engine;

import dev.berth.placement.PlacementExplanation;

import java.util.Arrays;
import java.util.List;

/**
 * How many hosts one filter rejected, per reason, in one decision. Kernels add whole counts
 * at once ({@code add(reason, 173)}); the per-host path adds one at a time. A filter has a
 * handful of reasons, so a short array searched linearly beats a map.
 */
public final class RejectionTally {

    private String[] reasons = new String[4];
    private int[] counts = new int[4];
    private int used;

    /** Counts {@code hosts} more rejections for {@code reason}; zero is ignored. */
    public void add(String reason, int hosts) {
        if (hosts == 0) {
            return;
        }
        for (int i = 0; i < used; i++) {
            if (reasons[i] == reason || reasons[i].equals(reason)) {
                counts[i] += hosts;
                return;
            }
        }
        if (used == reasons.length) {
            reasons = Arrays.copyOf(reasons, used * 2);
            counts = Arrays.copyOf(counts, used * 2);
        }
        reasons[used] = reason;
        counts[used++] = hosts;
    }

    /** Forgets every count, keeping the arrays: a tally is reused decision after decision on one thread. */
    public void reset() {
        used = 0;
    }

    public int total() {
        int n = 0;
        for (int i = 0; i < used; i++) {
            n += counts[i];
        }
        return n;
    }

    /** Appends this filter's rejections, reasons alphabetically, so the order of hosts never shows. */
    public void appendTo(String filter, List<PlacementExplanation.Rejection> out) {
        // a handful of reasons: insertion sort in place, nothing boxed
        for (int i = 1; i < used; i++) {
            for (int k = i; k > 0 && reasons[k - 1].compareTo(reasons[k]) > 0; k--) {
                String r = reasons[k];
                reasons[k] = reasons[k - 1];
                reasons[k - 1] = r;
                int n = counts[k];
                counts[k] = counts[k - 1];
                counts[k - 1] = n;
            }
        }
        for (int i = 0; i < used; i++) {
            out.add(new PlacementExplanation.Rejection(filter, reasons[i], counts[i]));
        }
    }
}
