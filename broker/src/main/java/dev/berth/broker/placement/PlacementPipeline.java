package dev.berth.broker.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

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
 * Then every survivor is scored by {@link BinPackScorer}; ties are broken by a random
 * number seeded from the request id, so the same request on the same fleet always lands on
 * the same host and any decision can be replayed.
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
        Map<String, Integer> rejected = new LinkedHashMap<>();
        List<Scored> feasible = new ArrayList<>();
        SplittableRandom tieBreak = new SplittableRandom(request.requestId().getMostSignificantBits()
                ^ request.requestId().getLeastSignificantBits());
        for (HostSnapshot host : hosts) {
            Optional<String> rejection = firstRejection(request, host);
            if (rejection.isPresent()) {
                rejected.merge(rejection.get(), 1, Integer::sum);
            } else {
                feasible.add(new Scored(host, score(request, host), tieBreak.nextLong()));
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
        for (PlacementFilter filter : filters) {
            FilterResult result = filter.filter(request, host);
            if (!result.passed()) {
                return Optional.of(filter.name() + "\u0000" + result.reason());
            }
        }
        return Optional.empty();
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
            String[] parts = key.split("\u0000", 2);
            out.add(new PlacementExplanation.Rejection(parts[0], parts[1], count));
        });
        return out;
    }

    private record Scored(HostSnapshot host, int score, long tieBreak) {
    }
}
