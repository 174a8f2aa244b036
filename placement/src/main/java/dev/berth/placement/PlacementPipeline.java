package dev.berth.placement;

import dev.berth.placement.engine.Bursting;
import dev.berth.placement.engine.ColumnarFilter;
import dev.berth.placement.engine.ColumnarScorer;
import dev.berth.placement.engine.Evaluation;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.FleetIndex;
import dev.berth.placement.engine.WalkOrder;
import dev.berth.placement.plugins.AffinityFilter;
import dev.berth.placement.plugins.AllocationScorer;
import dev.berth.placement.plugins.AntiAffinityFilter;
import dev.berth.placement.plugins.BurstFilter;
import dev.berth.placement.plugins.CapacityFilter;
import dev.berth.placement.plugins.CostScorer;
import dev.berth.placement.plugins.ExcludedHostFilter;
import dev.berth.placement.plugins.HealthFilter;
import dev.berth.placement.plugins.KindSupportFilter;
import dev.berth.placement.plugins.PolicyFilter;
import dev.berth.placement.plugins.PrivateFirstScorer;
import dev.berth.placement.plugins.RequiredLabelsFilter;
import dev.berth.placement.plugins.SoftAffinityScorer;
import dev.berth.placement.plugins.TenantEligibilityFilter;
import dev.berth.placement.plugins.ZoneSpreadScorer;

import java.util.ArrayList;
import java.util.List;

import dev.berth.placement.plugins.AllocationScorer.Strategy;
import dev.berth.placement.PlacementConfig.Mode;

/**
 * Filter → score over a snapshot of hosts. The chain is assembled in {@link #filters} and
 * {@link #scorers}, in one place, each step saying why it sits where it does. Ties are
 * broken by a hash of (request id, host id) — random-looking, so tied hosts share the
 * load, yet the same request always prefers the same host whatever the order or size of
 * the fleet, so any decision can be replayed.
 *
 * <p>Two ways to look (see the README): EXACT runs every host through the chain and
 * scores every survivor, so the best-scored host always wins; FAST walks a
 * {@link FleetIndex}, skipping hosts the index proves cannot fit, and stops after
 * {@code candidateLimit} feasible hosts (kube-scheduler's percentageOfNodesToScore, Nomad's
 * limit iterator): always a valid host, usually a near-best one. A FAST search that finds
 * nothing is repeated EXACT, so a no-fit is never a sampling accident and its explanation
 * always counts every host.
 *
 * <p>Both modes run on a {@link FleetColumns}: plugins with a columnar kernel
 * ({@link ColumnarFilter}, {@link ColumnarScorer}) are prepared once per decision and work
 * on primitive arrays and bitsets; a plugin without one is asked host by host, in the same
 * place in the chain, with the same counting — slower, never different.
 */
public final class PlacementPipeline {

    /** How many top candidates an explanation lists. */
    static final int CANDIDATES_SHOWN = 3;

    private final PlacementConfig config;
    private final List<PlacementFilter> filters;
    private final List<PlacementScorer> scorers;
    private final int[] weights;
    private final boolean columnar;
    /** Each thread's decision buffers (see {@link Evaluation.Scratch}). */
    private final ThreadLocal<Evaluation.Scratch> scratch = ThreadLocal.withInitial(Evaluation.Scratch::new);
    private final Bursting bursting;

    /** Defaults: exact, bin-pack, every plugin, no policies — what {@code Admission} uses today. */
    public PlacementPipeline() {
        this(PlacementConfig.defaults(), List.of());
    }

    /** @param policies placement-stage governance policies, run after every built-in filter */
    public PlacementPipeline(PlacementConfig config, List<PolicyFilter> policies) {
        this(config, policies, true);
    }

    private PlacementPipeline(PlacementConfig config, List<PolicyFilter> policies, boolean columnar) {
        this.config = config.validate();
        this.filters = filters(config, policies);
        this.scorers = scorers(config);
        this.weights = scorers.stream().mapToInt(s -> config.scorerWeights().get(s.name())).toArray();
        this.columnar = columnar;
        this.bursting = new Bursting(filters.stream().filter(BurstFilter.class::isInstance).map(BurstFilter.class::cast)
                .findFirst().orElse(null));
    }

    /**
     * The same chain with every kernel ignored: each plugin asked host by host through its
     * object method. The reference the columnar path is tested against (and what a plugin
     * without a kernel always gets); never faster.
     */
    public static PlacementPipeline perHost(PlacementConfig config, List<PolicyFilter> policies) {
        return new PlacementPipeline(config, policies, false);
    }

    /** The chain. Cheap and structural first; the request's own wishes next; arithmetic; policies last. */
    private static List<PlacementFilter> filters(PlacementConfig config, List<PolicyFilter> policies) {
        List<PlacementFilter> chain = new ArrayList<>();
        // first: hosts this request already lost a race or failed on must not win again, whatever else they look like
        chain.add(new ExcludedHostFilter());
        // cheap flags: drop whole hosts before any lookup or arithmetic
        chain.add(new HealthFilter());
        // a set lookup; the index lists hosts by kind, so in fast mode this rarely rejects
        chain.add(new KindSupportFilter());
        // isolation before hints: a tenant must not learn about hosts it may not use from hint-based reasons
        chain.add(new TenantEligibilityFilter());
        // the request's own constraints (region, zone, provider class, labels): map lookups
        chain.add(new RequiredLabelsFilter());
        // private-first as a rule: one bitset for the request; before capacity, so a tenant kept off
        // public hosts sees the burst rule named, not only "the private hosts are full"
        chain.add(new BurstFilter(config.privateFirstThreshold()));
        // hard group rules: one map lookup each; before capacity so "replicas would share a host" is what users see
        chain.add(new AntiAffinityFilter());
        chain.add(new AffinityFilter());
        // the only arithmetic, and the reason users most need (which resource ran out) once structure is ruled out
        chain.add(new CapacityFilter());
        List<PlacementFilter> enabled = new ArrayList<>(chain.stream().filter(f -> config.filters().contains(f.name())).toList());
        for (PolicyFilter policy : policies) {
            if (PlacementConfig.KNOWN_FILTERS.contains(policy.name())) {
                throw new IllegalArgumentException("placement policy name clashes with a built-in filter: " + policy.name());
            }
            // last: supplied from outside, possibly costly (CEL), so they see the fewest hosts
            enabled.add(policy);
        }
        return List.copyOf(enabled);
    }

    /** Order only matters for the explanation's breakdown; ranking is a weighted sum. */
    private static List<PlacementScorer> scorers(PlacementConfig config) {
        List<PlacementScorer> all = List.of(
                new AllocationScorer(config.strategy()),
                new SoftAffinityScorer(),
                new ZoneSpreadScorer(),
                new CostScorer(),
                new PrivateFirstScorer(config.privateFirstThreshold()));
        return all.stream().filter(s -> config.scorerWeights().containsKey(s.name())).toList();
    }

    public PlacementConfig config() {
        return config;
    }

    /** Convenience for one decision on a plain list: builds the snapshot's columns for this call alone. */
    public PlacementDecision place(PlacementRequest request, List<HostSnapshot> hosts) {
        return place(request, FleetIndex.of(hosts));
    }

    /**
     * Many decisions on one snapshot: build the index once, call this per decision. Private
     * first, then (when nothing private fits and the tenant may burst) public: see {@link Bursting}.
     */
    public PlacementDecision place(PlacementRequest request, FleetIndex fleet) {
        return bursting.place(request, fleet, stage -> placeOnce(stage, fleet));
    }

    private PlacementDecision placeOnce(PlacementRequest request, FleetIndex fleet) {
        if (config.mode() == Mode.EXACT) {
            return exact(request, fleet);
        }
        PlacementDecision fast = fast(request, fleet);
        return fast.host().isPresent() ? fast : exact(request, fleet);
    }

    private PlacementDecision exact(PlacementRequest request, FleetIndex fleet) {
        Evaluation evaluation = evaluation(request, fleet);
        evaluation.scanAll();
        return evaluation.decision("exact");
    }

    /**
     * Walks the hosts with room for the CPU asked, from the strategy's end of the list (least
     * free for bin-pack, most free for spread) shifted by a request-seeded offset, so brokers
     * placing at once do not all race for the same host; stops at the candidate limit.
     */
    private PlacementDecision fast(PlacementRequest request, FleetIndex fleet) {
        Evaluation evaluation = evaluation(request, fleet);
        WalkOrder list = fleet.candidates(request.kind(), request.hints().region());
        int fits = list.withFreeCpu(request.resources().milliCpu());
        int limit = config.candidateLimit();
        int offset = fits == 0 ? 0 : (int) Math.floorMod(seed(request), (long) Math.min(fits, limit));
        boolean packing = config.strategy() == Strategy.BIN_PACK;
        for (int k = 0; k < fits && evaluation.feasible() < limit; k++) {
            int step = (offset + k) % fits;
            int at = packing ? fits - 1 - step : step;
            if (list.mayFit(at, request.resources())) {
                evaluation.consider(list.host(at));
            }
        }
        return evaluation.decision("fast");
    }

    /** Mixed, so request ids that differ in few bits still start far apart. */
    private static long seed(PlacementRequest request) {
        long x = request.requestId().getMostSignificantBits() ^ Long.rotateLeft(request.requestId().getLeastSignificantBits(), 17);
        x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
        return x ^ (x >>> 33);
    }

    private Evaluation evaluation(PlacementRequest request, FleetIndex fleet) {
        return new Evaluation(request, fleet.columns(), fleet.stats(), filters, scorers, weights, CANDIDATES_SHOWN, columnar,
                scratch.get());
    }
}
