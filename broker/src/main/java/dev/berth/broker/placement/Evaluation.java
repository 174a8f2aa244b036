package dev.berth.broker.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One decision in progress: runs the chain on each host a scan hands it, counts every
 * rejection under (filter, reason), and keeps only the best few feasible hosts — no list of
 * all survivors, no sort, so the cost per host stays flat at 100,000 hosts.
 */
final class Evaluation {

    private final PlacementRequest request;
    private final FleetStats fleet;
    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> scorers;
    private final int[] weights;
    private final long requestSeed;
    private final Map<String, int[]>[] rejected;
    private final HostSnapshot[] best;
    private final long[] bestSum;
    private final long[] bestTie;
    private int ranked;
    private int considered;
    private int feasible;

    @SuppressWarnings("unchecked")
    Evaluation(PlacementRequest request, FleetStats fleet, List<PlacementFilter> filters,
            List<PlacementScorer> scorers, int[] weights, int shown) {
        this.request = request;
        this.fleet = fleet;
        this.filters = filters;
        this.scorers = scorers;
        this.weights = weights;
        this.requestSeed = request.requestId().getMostSignificantBits() * 31 + request.requestId().getLeastSignificantBits();
        this.rejected = new Map[filters.size()];
        this.best = new HostSnapshot[shown];
        this.bestSum = new long[shown];
        this.bestTie = new long[shown];
    }

    void consider(HostSnapshot host) {
        considered++;
        for (int i = 0; i < filters.size(); i++) {
            FilterResult result = filters.get(i).filter(request, host, fleet);
            if (!result.passed()) {
                if (rejected[i] == null) {
                    rejected[i] = new HashMap<>();
                }
                rejected[i].computeIfAbsent(result.reason(), r -> new int[1])[0]++;
                return;
            }
        }
        feasible++;
        long sum = 0;
        for (int j = 0; j < scorers.size(); j++) {
            if (weights[j] != 0) {
                sum += (long) weights[j] * clamp(scorers.get(j).score(request, host, fleet));
            }
        }
        offer(host, sum, tieBreak(requestSeed, host));
    }

    int feasible() {
        return feasible;
    }

    /** Higher weighted sum first; on a tie, the lower hash of (request id, host id). */
    private void offer(HostSnapshot host, long sum, long tie) {
        int at = ranked;
        while (at > 0 && (sum > bestSum[at - 1] || (sum == bestSum[at - 1] && tie < bestTie[at - 1]))) {
            at--;
        }
        if (at >= best.length) {
            return;
        }
        int last = Math.min(ranked, best.length - 1);
        for (int k = last; k > at; k--) {
            best[k] = best[k - 1];
            bestSum[k] = bestSum[k - 1];
            bestTie[k] = bestTie[k - 1];
        }
        best[at] = host;
        bestSum[at] = sum;
        bestTie[at] = tie;
        ranked = Math.min(ranked + 1, best.length);
    }

    PlacementDecision decision(int fleetSize, String mode) {
        List<PlacementExplanation.Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < ranked; k++) {
            candidates.add(candidate(best[k], bestSum[k]));
        }
        PlacementExplanation explanation = new PlacementExplanation(considered, rejections(), candidates, fleetSize, mode);
        return new PlacementDecision(Optional.ofNullable(ranked == 0 ? null : best[0]), explanation);
    }

    private PlacementExplanation.Candidate candidate(HostSnapshot host, long sum) {
        Map<String, Integer> breakdown = new LinkedHashMap<>();
        long weightSum = 0;
        for (int j = 0; j < scorers.size(); j++) {
            breakdown.put(scorers.get(j).name(), clamp(scorers.get(j).score(request, host, fleet)));
            weightSum += weights[j];
        }
        int score = weightSum == 0 ? 0 : (int) Math.round((double) sum / weightSum);
        return new PlacementExplanation.Candidate(host.id(), host.name(), score, breakdown);
    }

    private List<PlacementExplanation.Rejection> rejections() {
        List<PlacementExplanation.Rejection> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            if (rejected[i] != null) {
                String filter = filters.get(i).name();
                new TreeMap<>(rejected[i]).forEach((reason, n) -> out.add(new PlacementExplanation.Rejection(filter, reason, n[0])));
            }
        }
        return out;
    }

    /** SplitMix64 finaliser over both ids: well mixed, stable, independent of fleet order. */
    static long tieBreak(long requestSeed, HostSnapshot host) {
        long x = requestSeed ^ (host.id().getMostSignificantBits() * 0x9E3779B97F4A7C15L ^ host.id().getLeastSignificantBits());
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    private static int clamp(int score) {
        return Math.max(0, Math.min(100, score));
    }
}
