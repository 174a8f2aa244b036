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
    /** Per reason, the first detail seen (an evaluation error), else null; details are rare. */
    private String[] details = new String[4];
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
            details = Arrays.copyOf(details, used * 2);
        }
        reasons[used] = reason;
        details[used] = null;
        counts[used++] = hosts;
    }

    /**
     * Notes what went wrong for {@code reason} (a filter that failed to evaluate), before the
     * host is counted with {@link #add}. The first detail of a decision is kept: the same
     * broken rule usually fails the same way on every host.
     */
    public void detail(String reason, String detail) {
        if (detail == null) {
            return;
        }
        for (int i = 0; i < used; i++) {
            if (reasons[i] == reason || reasons[i].equals(reason)) {
                if (details[i] == null) {
                    details[i] = detail;
                }
                return;
            }
        }
        if (used == reasons.length) {
            reasons = Arrays.copyOf(reasons, used * 2);
            counts = Arrays.copyOf(counts, used * 2);
            details = Arrays.copyOf(details, used * 2);
        }
        reasons[used] = reason;
        details[used] = detail;
        counts[used++] = 0;
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
                String d = details[k];
                details[k] = details[k - 1];
                details[k - 1] = d;
            }
        }
        for (int i = 0; i < used; i++) {
            if (counts[i] > 0) {
                out.add(new PlacementExplanation.Rejection(filter, reasons[i], counts[i], details[i]));
            }
        }
    }
}
