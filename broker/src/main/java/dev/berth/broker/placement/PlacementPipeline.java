package dev.berth.broker.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Filter → score over a snapshot of hosts. The chain is assembled here, in one place:
 * <ol>
 *   <li>{@link ExcludedHostFilter} — first: hosts this request already lost or failed on
 *       must not win again, whatever else they look like;</li>
 *   <li>{@link HealthFilter} — cheap flags, drops whole hosts before any arithmetic;</li>
 *   <li>{@link KindSupportFilter} — a set lookup;</li>
 *   <li>{@link CapacityFilter} — last: the only arithmetic, and the reason users most need
 *       to see (which resource ran out) once the structural reasons are ruled out.</li>
 * </ol>
 * Then every survivor is scored by {@link BinPackScorer}; ties are broken by a hash of
 * (request id, host id) — random-looking, so tied hosts share the load, yet the same
 * request always prefers the same host whatever the order or size of the fleet, so any
 * decision can be replayed.
 */
public final class PlacementPipeline {

    /** How many top candidates an explanation lists. */
    static final int CANDIDATES_SHOWN = 3;

    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> scorers;

    public PlacementPipeline() {
        this(List.of(new ExcludedHostFilter(), new HealthFilter(), new KindSupportFilter(), new CapacityFilter()),
                List.of(new BinPackScorer()));
    }

    PlacementPipeline(List<PlacementFilter> filters, List<PlacementScorer> scorers) {
        this.filters = List.copyOf(filters);
        this.scorers = List.copyOf(scorers);
    }

    public PlacementDecision place(PlacementRequest request, List<HostSnapshot> hosts) {
        // Keyed by (filter position, reason) so the explanation follows pipeline order.
        Map<String, Integer> rejected = new TreeMap<>();
        List<Scored> feasible = new ArrayList<>();
        for (HostSnapshot host : hosts) {
            Optional<String> rejection = firstRejection(request, host);
            if (rejection.isPresent()) {
                rejected.merge(rejection.get(), 1, Integer::sum);
            } else {
                feasible.add(new Scored(host, score(request, host), tieBreak(request, host)));
            }
        }
        feasible.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingLong(Scored::tieBreak));
        PlacementExplanation explanation = new PlacementExplanation(hosts.size(), rejections(rejected),
                feasible.stream().limit(CANDIDATES_SHOWN)
                        .map(s -> new PlacementExplanation.Candidate(s.host().id(), s.host().name(), s.score()))
                        .toList());
        return new PlacementDecision(feasible.stream().findFirst().map(Scored::host), explanation);
    }

    private Optional<String> firstRejection(PlacementRequest request, HostSnapshot host) {
        for (int i = 0; i < filters.size(); i++) {
            PlacementFilter filter = filters.get(i);
            FilterResult result = filter.filter(request, host);
            if (!result.passed()) {
                return Optional.of(String.format("%03d", i) + "\u0000" + filter.name() + "\u0000" + result.reason());
            }
        }
        return Optional.empty();
    }

    /** SplitMix64 finaliser over both ids: well mixed, stable, independent of fleet order. */
    static long tieBreak(PlacementRequest request, HostSnapshot host) {
        long x = request.requestId().getMostSignificantBits() * 31 + request.requestId().getLeastSignificantBits();
        x ^= host.id().getMostSignificantBits() * 0x9E3779B97F4A7C15L ^ host.id().getLeastSignificantBits();
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    private int score(PlacementRequest request, HostSnapshot host) {
        if (scorers.isEmpty()) {
            return 0;
        }
        int total = 0;
        for (PlacementScorer scorer : scorers) {
            total += Math.max(0, Math.min(100, scorer.score(request, host)));
        }
        return total / scorers.size();
    }

    private static List<PlacementExplanation.Rejection> rejections(Map<String, Integer> rejected) {
        List<PlacementExplanation.Rejection> out = new ArrayList<>();
        rejected.forEach((key, count) -> {
            String[] parts = key.split("\u0000", 3);
            out.add(new PlacementExplanation.Rejection(parts[1], parts[2], count));
        });
        return out;
    }

    private record Scored(HostSnapshot host, int score, long tieBreak) {
    }
}
