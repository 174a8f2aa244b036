package dev.berth.placement.engine;

import dev.berth.placement.PlacementScorer;
import dev.berth.placement.plugins.AllocationScorer;

import java.util.List;

/**
 * One scorer prepared for one request over one {@link FleetColumns} (kube-scheduler's
 * PreScore): request-wide figures computed once, then a score per host position. Must give
 * exactly the scorer's {@link PlacementScorer#score} on the same host, already within 0..100.
 *
 * <p>Optional refinements let a full scan skip work without changing any result:
 * {@link #constant()} (the scorer does not apply to this request: added once, not per host),
 * {@link #ceilings()} (sets of hosts known to score low: dropped a word at a time once the
 * top candidates are out of their reach), and a cheap upper bound ({@link #bounded()},
 * {@link #addWeightedBound}) so the exact score is only computed for hosts that could
 * still enter the top candidates (branch and bound).
 */
public interface ScoreKernel {

    /** Hosts (a bitset of the fleet) that score at most {@code atMost} for this request. */
    public record Ceiling(long[] hosts, int atMost) {
    }

    /** 0..100, as the scorer's object method would answer on this host. */
    public int score(int host);

    /**
     * {@code sums[k] += weight × score(hosts[k])} for {@code k < count}. The default calls
     * {@link #score} per host through the interface; override it with a loop over primitive
     * columns (see {@link AllocationScorer}) so the JIT sees one monomorphic loop.
     */
    public default void addWeighted(int[] hosts, int count, long weight, long[] sums) {
        for (int k = 0; k < count; k++) {
            sums[k] += weight * score(hosts[k]);
        }
    }

    /** The score every host gets, when it is the same for all (the scorer does not apply); else -1. */
    public default int constant() {
        return -1;
    }

    /** Sets of hosts known to score low for this request (possibly nested, any order); none by default. */
    public default List<Ceiling> ceilings() {
        return List.of();
    }

    /** Whether {@link #addWeightedBound} is a bound cheaper than the exact score (else it is never called). */
    public default boolean bounded() {
        return false;
    }

    /**
     * {@code sums[k] += weight × b(hosts[k])} where {@code b(h) ≥ score(h)} always — never
     * lower, or a better host could be skipped. Only called when {@link #bounded()}.
     */
    public default void addWeightedBound(int[] hosts, int count, long weight, long[] sums) {
        addWeighted(hosts, count, weight, sums);
    }

    /** The same score on every host: the scorer does not apply to this request. */
    public static ScoreKernel constant(int score) {
        return new ScoreKernel() {
            @Override
            public int score(int host) {
                return score;
            }

            @Override
            public int constant() {
                return score;
            }
        };
    }
}
