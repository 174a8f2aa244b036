package dev.berth.placement.engine;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementExplanation;
import dev.berth.placement.PlacementFilter;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.PlacementScorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One decision in progress on one {@link FleetColumns}. Every filter and scorer is prepared
 * once for the request — its columnar kernel when it has one (and kernels are on), else an
 * adapter asking its object method host by host — then hosts go through the chain either
 * all at once ({@link #scanAll}: each filter narrows a survivor bitset, counting what it
 * drops) or one by one ({@link #consider}: FAST mode's walk). Survivors are scored in
 * blocks, scorer by scorer, and only the best few are kept — no list of all survivors, no
 * sort, nothing allocated per host.
 */
public final class Evaluation {

    /** Survivors scored per block: small enough for L1, large enough to amortise a kernel call. */
    private static final int BLOCK = 128;

    private final PlacementRequest request;
    private final FleetColumns fleet;
    private final FleetStats stats;
    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> scorers;
    private final int[] weights;
    private final FilterKernel[] filterKernels;
    private final RejectionTally[] tallies;
    private final PreparedScorers scores;
    /** A full scan's ceilings, and which have already dropped their hosts from it. */
    private PreparedScorers.Ceilings ceilings;
    private boolean[] dropped;
    /** The survivors of a full scan while it is scored, so hosts out of reach can be dropped ahead of the walk. */
    private HostSet scanning;
    private final long requestSeed;
    private final long[] idMix;
    private final int[] best;
    private final long[] bestSum;
    private final long[] bestTie;
    private final int[] block;
    private final long[] sums;
    private final long[] bounds;
    private final Scratch scratch;
    private int pending;
    private int ranked;
    private int considered;
    private int feasible;

    /**
     * The buffers a decision needs, kept per thread and reused by the next decision on it:
     * at 50,000 decisions a second, allocating them each time (a survivor bitset of the fleet's
     * size, a tally per filter, the scoring block) is what shows in the p99 as young-GC pauses.
     * One decision at a time per thread: {@link Evaluation} is never nested.
     */
    public static final class Scratch {
        private long[] survivors;
        private RejectionTally[] tallies = new RejectionTally[0];
        private int[] best = new int[0];
        private long[] bestSum = new long[0];
        private long[] bestTie = new long[0];
        private final int[] block = new int[BLOCK];
        private final long[] sums = new long[BLOCK];
        private final long[] bounds = new long[BLOCK];

        private RejectionTally[] tallies(int filters) {
            if (tallies.length < filters) {
                RejectionTally[] grown = java.util.Arrays.copyOf(tallies, filters);
                for (int i = tallies.length; i < filters; i++) {
                    grown[i] = new RejectionTally();
                }
                tallies = grown;
            }
            for (int i = 0; i < filters; i++) {
                tallies[i].reset();
            }
            return tallies;
        }

        private void ranks(int shown) {
            if (best.length != shown) {
                best = new int[shown];
                bestSum = new long[shown];
                bestTie = new long[shown];
            }
        }

        private HostSet allHosts(int size) {
            HostSet all = HostSet.all(size, survivors);
            survivors = all.words();
            return all;
        }
    }

    /** @param columnar use kernels where plugins have them; false = every plugin host by host (the reference path) */
    public Evaluation(PlacementRequest request, FleetColumns fleet, FleetStats stats, List<PlacementFilter> filters,
            List<PlacementScorer> scorers, int[] weights, int shown, boolean columnar) {
        this(request, fleet, stats, filters, scorers, weights, shown, columnar, new Scratch());
    }

    public Evaluation(PlacementRequest request, FleetColumns fleet, FleetStats stats, List<PlacementFilter> filters,
            List<PlacementScorer> scorers, int[] weights, int shown, boolean columnar, Scratch scratch) {
        this.request = request;
        this.fleet = fleet;
        this.stats = stats;
        this.filters = filters;
        this.scorers = scorers;
        this.weights = weights;
        this.filterKernels = new FilterKernel[filters.size()];
        this.tallies = scratch.tallies(filters.size());
        for (int i = 0; i < filterKernels.length; i++) {
            PlacementFilter filter = filters.get(i);
            filterKernels[i] = columnar && filter instanceof ColumnarFilter c ? c.prepare(request, fleet, stats) : perHost(filter, tallies[i]);
        }
        this.scores = PreparedScorers.of(scorers, weights,
                scorer -> columnar && scorer instanceof ColumnarScorer c ? c.prepare(request, fleet, stats) : perHost(scorer));
        this.requestSeed = request.requestId().getMostSignificantBits() * 31 + request.requestId().getLeastSignificantBits();
        this.idMix = fleet.idMix();
        scratch.ranks(shown);
        this.best = scratch.best;
        this.bestSum = scratch.bestSum;
        this.bestTie = scratch.bestTie;
        this.block = scratch.block;
        this.sums = scratch.sums;
        this.bounds = scratch.bounds;
        this.scratch = scratch;
    }

    /** A filter without a kernel, asked host by host; an evaluation error's detail goes to the filter's tally. */
    private FilterKernel perHost(PlacementFilter filter, RejectionTally tally) {
        return h -> {
            FilterResult result = filter.filter(request, fleet.host(h), stats);
            if (result.passed()) {
                return null;
            }
            String reason = Objects.requireNonNullElse(result.reason(), "rejected");
            if (result.status() == FilterResult.Status.ERROR) {
                tally.detail(reason, result.detail());
            }
            return reason;
        };
    }

    private ScoreKernel perHost(PlacementScorer scorer) {
        return h -> clamp(scorer.score(request, fleet.host(h), stats));
    }

    /** EXACT: every host through the chain, filter by filter over a survivor bitset; every survivor scored. */
    public void scanAll() {
        HostSet survivors = scratch.allHosts(fleet.size());
        considered = fleet.size();
        for (int i = 0; i < filterKernels.length; i++) {
            filterKernels[i].narrow(survivors, tallies[i]);
        }
        scanning = survivors;
        ceilings = scores.ceilings();
        dropped = new boolean[ceilings.hosts().length];
        long[] words = survivors.words();
        for (int w = 0; w < words.length; w++) {
            long word = words[w];
            while (word != 0) {
                candidate((w << 6) + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
        scanning = null;
    }

    /**
     * Once the top candidates are full, hosts a scorer's {@link ScoreKernel.Ceiling} keeps
     * below the last of them cannot enter: drop them from the survivors still to be scored,
     * a word at a time (the filters have counted them already). Strictly below: an equal
     * sum can still win on the tie-break.
     */
    private void dropOutOfReach() {
        long threshold = bestSum[ranked - 1];
        for (int c = 0; c < dropped.length; c++) {
            if (!dropped[c] && ceilings.maxSums()[c] < threshold) {
                scanning.removeAll(ceilings.hosts()[c]);
                dropped[c] = true;
            }
        }
    }

    /** FAST: one host through the chain, stopping at its first rejection. */
    public void consider(int host) {
        considered++;
        for (int i = 0; i < filterKernels.length; i++) {
            String reason = filterKernels[i].reject(host);
            if (reason != null) {
                tallies[i].add(reason, 1);
                return;
            }
        }
        candidate(host);
    }

    public int feasible() {
        return feasible;
    }

    private void candidate(int host) {
        feasible++;
        block[pending++] = host;
        if (pending == BLOCK) {
            scorePending();
        }
    }

    /**
     * Scores the pending block: constants once, exact scorers on every host; then, once the
     * top candidates are full, the bounded scorers' cheap bounds drop hosts that cannot reach
     * the last of them, and their exact scores are computed for the rest only. Ties can still
     * win on the tie-break, so a host whose bound equals the last candidate's sum is kept.
     */
    private void scorePending() {
        int count = pending;
        pending = 0;
        Arrays.fill(sums, 0, count, scores.constantSum);
        for (int j = 0; j < scores.exact.length; j++) {
            scores.exact[j].addWeighted(block, count, scores.exactWeights[j], sums);
        }
        if (scores.bounded.length > 0) {
            if (ranked == best.length) {
                count = keepReachable(count, bestSum[ranked - 1]);
            }
            for (int j = 0; j < scores.bounded.length; j++) {
                scores.bounded[j].addWeighted(block, count, scores.boundedWeights[j], sums);
            }
        }
        for (int k = 0; k < count; k++) {
            offer(block[k], sums[k]);
        }
        if (scanning != null && dropped.length > 0 && ranked == best.length) {
            dropOutOfReach();
        }
    }

    /** Compacts the block to hosts whose upper bound reaches {@code threshold}; returns how many. */
    private int keepReachable(int count, long threshold) {
        System.arraycopy(sums, 0, bounds, 0, count);
        for (int j = 0; j < scores.bounded.length; j++) {
            scores.bounded[j].addWeightedBound(block, count, scores.boundedWeights[j], bounds);
        }
        int kept = 0;
        for (int k = 0; k < count; k++) {
            if (bounds[k] >= threshold) {
                block[kept] = block[k];
                sums[kept++] = sums[k];
            }
        }
        return kept;
    }

    /** Higher weighted sum first; on a tie, the lower hash of (request id, host id). */
    private void offer(int host, long sum) {
        if (ranked == best.length && sum < bestSum[ranked - 1]) {
            return;
        }
        long tie = tieBreak(requestSeed, idMix[host]);
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

    public PlacementDecision decision(String mode) {
        if (pending > 0) {
            scorePending();
        }
        List<PlacementExplanation.Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < ranked; k++) {
            candidates.add(explained(fleet.host(best[k]), bestSum[k]));
        }
        List<PlacementExplanation.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            tallies[i].appendTo(filters.get(i).name(), rejections);
        }
        PlacementExplanation explanation = new PlacementExplanation(considered, rejections, candidates, fleet.size(), mode);
        return new PlacementDecision(Optional.ofNullable(ranked == 0 ? null : fleet.host(best[0])), explanation);
    }

    /** The breakdown comes from the scorers' object methods: three hosts, and the authoritative wording of each score. */
    private PlacementExplanation.Candidate explained(HostSnapshot host, long sum) {
        Map<String, Integer> breakdown = new LinkedHashMap<>();
        long weightSum = 0;
        for (int j = 0; j < scorers.size(); j++) {
            breakdown.put(scorers.get(j).name(), clamp(scorers.get(j).score(request, host, stats)));
            weightSum += weights[j];
        }
        int score = weightSum == 0 ? 0 : (int) Math.round((double) sum / weightSum);
        return new PlacementExplanation.Candidate(host.id(), host.name(), score, breakdown);
    }

    /** Both halves of a host id folded once per snapshot; {@link #tieBreak} mixes it with the request. */
    public static long idMix(UUID hostId) {
        return hostId.getMostSignificantBits() * 0x9E3779B97F4A7C15L ^ hostId.getLeastSignificantBits();
    }

    /** SplitMix64 finaliser over both ids: well mixed, stable, independent of fleet order. */
    public static long tieBreak(long requestSeed, long idMix) {
        long x = requestSeed ^ idMix;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    public static int clamp(int score) {
        return Math.max(0, Math.min(100, score));
    }
}
