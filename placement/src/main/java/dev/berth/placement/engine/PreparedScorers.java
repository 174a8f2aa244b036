package dev.berth.placement.engine;

import dev.berth.placement.PlacementScorer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The scorers of one decision, prepared and sorted by how they can be computed: scorers
 * constant for this request are summed once; the rest are exact (computed for every host
 * scored) or bounded (a cheap upper bound first, the exact score only for hosts still in
 * reach). Scorers with weight 0 are left out — they never change the ranking.
 */
public final class PreparedScorers {

    /** The weighted sum of the scorers that score every host alike for this request. */
    public final long constantSum;
    /** The highest weighted sum any host could reach. */
    public final long maxSum;
    public final ScoreKernel[] exact;
    public final long[] exactWeights;
    public final ScoreKernel[] bounded;
    public final long[] boundedWeights;
    private final ScoreKernel[] variable;
    private final long[] variableWeights;

    /** Low-scoring host sets of the variable scorers, and the most each set's hosts can sum to. */
    public record Ceilings(long[][] hosts, long[] maxSums) {
    }

    private PreparedScorers(ScoreKernel[] kernels, int[] weights) {
        List<ScoreKernel> exactList = new ArrayList<>(kernels.length);
        List<ScoreKernel> boundedList = new ArrayList<>(kernels.length);
        List<ScoreKernel> variableList = new ArrayList<>(kernels.length);
        long[] exactW = new long[kernels.length];
        long[] boundedW = new long[kernels.length];
        long[] variableW = new long[kernels.length];
        long constants = 0;
        long highest = 0;
        for (int j = 0; j < kernels.length; j++) {
            ScoreKernel k = kernels[j];
            if (k == null) {
                continue;
            }
            if (k.constant() >= 0) {
                constants += (long) weights[j] * k.constant();
                continue;
            }
            highest += (long) weights[j] * 100;
            variableW[variableList.size()] = weights[j];
            variableList.add(k);
            if (k.bounded()) {
                boundedW[boundedList.size()] = weights[j];
                boundedList.add(k);
            } else {
                exactW[exactList.size()] = weights[j];
                exactList.add(k);
            }
        }
        constantSum = constants;
        maxSum = constants + highest;
        exact = exactList.toArray(new ScoreKernel[0]);
        exactWeights = java.util.Arrays.copyOf(exactW, exact.length);
        bounded = boundedList.toArray(new ScoreKernel[0]);
        boundedWeights = java.util.Arrays.copyOf(boundedW, bounded.length);
        variable = variableList.toArray(new ScoreKernel[0]);
        variableWeights = java.util.Arrays.copyOf(variableW, variable.length);
    }

    /** One kernel per scorer (its columnar one, or the per-host adapter); none where the weight is 0. */
    public static PreparedScorers of(List<PlacementScorer> scorers, int[] weights, Function<PlacementScorer, ScoreKernel> prepare) {
        ScoreKernel[] kernels = new ScoreKernel[scorers.size()];
        for (int j = 0; j < kernels.length; j++) {
            kernels[j] = weights[j] == 0 ? null : prepare.apply(scorers.get(j));
        }
        return new PreparedScorers(kernels, weights);
    }

    /** Asked for by a full scan only (FAST mode scores a few dozen hosts and has nothing to drop). */
    public Ceilings ceilings() {
        List<long[]> hosts = new ArrayList<>();
        List<Long> sums = new ArrayList<>();
        for (int j = 0; j < variable.length; j++) {
            for (ScoreKernel.Ceiling ceiling : variable[j].ceilings()) {
                hosts.add(ceiling.hosts());
                sums.add(maxSum - variableWeights[j] * (100L - ceiling.atMost()));
            }
        }
        return new Ceilings(hosts.toArray(new long[0][]), sums.stream().mapToLong(Long::longValue).toArray());
    }
}
