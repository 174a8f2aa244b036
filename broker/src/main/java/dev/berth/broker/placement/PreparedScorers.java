package dev.berth.broker.placement;

import java.util.List;

/**
 * The scorers of one decision, prepared and sorted by how they can be computed: scorers
 * constant for this request are summed once; the rest are exact (computed for every host
 * scored) or bounded (a cheap upper bound first, the exact score only for hosts still in
 * reach). Scorers with weight 0 are left out — they never change the ranking.
 */
final class PreparedScorers {

    /** The weighted sum of the scorers that score every host alike for this request. */
    final long constantSum;
    /** The highest weighted sum any host could reach. */
    final long maxSum;
    final ScoreKernel[] exact;
    final long[] exactWeights;
    final ScoreKernel[] bounded;
    final long[] boundedWeights;
    /** Per scorer with a {@link ScoreKernel.Ceiling}: its low-scoring hosts, and the most those can sum to. */
    final long[][] lowHosts;
    final long[] lowMaxSums;

    PreparedScorers(ScoreKernel[] kernels, int[] weights) {
        int exactCount = 0;
        int boundedCount = 0;
        int ceilingCount = 0;
        @SuppressWarnings("unchecked")
        List<ScoreKernel.Ceiling>[] ceilings = new List[kernels.length];
        long constants = 0;
        long variable = 0;
        for (int j = 0; j < kernels.length; j++) {
            ScoreKernel k = kernels[j];
            if (k == null) {
                continue;
            }
            if (k.constant() >= 0) {
                constants += (long) weights[j] * k.constant();
                kernels[j] = null;
                continue;
            }
            variable += (long) weights[j] * 100;
            ceilings[j] = k.ceilings();
            ceilingCount += ceilings[j].size();
            if (k.bounded()) {
                boundedCount++;
            } else {
                exactCount++;
            }
        }
        constantSum = constants;
        maxSum = constants + variable;
        exact = new ScoreKernel[exactCount];
        exactWeights = new long[exactCount];
        bounded = new ScoreKernel[boundedCount];
        boundedWeights = new long[boundedCount];
        lowHosts = new long[ceilingCount][];
        lowMaxSums = new long[ceilingCount];
        int e = 0;
        int b = 0;
        int c = 0;
        for (int j = 0; j < kernels.length; j++) {
            ScoreKernel k = kernels[j];
            if (k == null) {
                continue;
            }
            if (k.bounded()) {
                bounded[b] = k;
                boundedWeights[b++] = weights[j];
            } else {
                exact[e] = k;
                exactWeights[e++] = weights[j];
            }
            for (ScoreKernel.Ceiling ceiling : ceilings[j]) {
                lowHosts[c] = ceiling.hosts();
                lowMaxSums[c++] = maxSum - weights[j] * (100L - ceiling.atMost());
            }
        }
    }

    /** One kernel per scorer (its columnar one, or the per-host adapter); null where the weight is 0. */
    static PreparedScorers of(List<PlacementScorer> scorers, int[] weights, java.util.function.Function<PlacementScorer, ScoreKernel> prepare) {
        ScoreKernel[] kernels = new ScoreKernel[scorers.size()];
        for (int j = 0; j < kernels.length; j++) {
            kernels[j] = weights[j] == 0 ? null : prepare.apply(scorers.get(j));
        }
        return new PreparedScorers(kernels, weights);
    }
}
