package dev.berth.placement;

import dev.berth.placement.plugins.AffinityFilter;
import dev.berth.placement.plugins.AllocationScorer;
import dev.berth.placement.plugins.AntiAffinityFilter;
import dev.berth.placement.plugins.BurstFilter;
import dev.berth.placement.plugins.CapacityFilter;
import dev.berth.placement.plugins.CostScorer;
import dev.berth.placement.plugins.ExcludedHostFilter;
import dev.berth.placement.plugins.HealthFilter;
import dev.berth.placement.plugins.KindSupportFilter;
import dev.berth.placement.plugins.PrivateFirstScorer;
import dev.berth.placement.plugins.RequiredLabelsFilter;
import dev.berth.placement.plugins.SoftAffinityScorer;
import dev.berth.placement.plugins.TenantEligibilityFilter;
import dev.berth.placement.plugins.ZoneSpreadScorer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.placement.plugins.AllocationScorer.Strategy;

/**
 * How the pipeline is assembled: which plugins run (by name), how scores are weighted, and
 * how hard the engine looks. Plugin order is not configurable — it is a property of the
 * chain, fixed in {@link PlacementPipeline}. Call {@link #validate()} at start-up.
 *
 * @param mode                  EXACT: every host filtered and scored, the best always wins;
 *                              FAST: index-pruned, at most {@code candidateLimit} feasible hosts scored
 * @param filters               enabled filters; the structural ones ({@link #REQUIRED_FILTERS}) cannot be left out
 * @param scorerWeights         enabled scorers and their weights (0 = computed, shown, ignored in ranking)
 * @param privateFirstThreshold private fleet utilisation (0..1) from which burst-allowed tenants may use public
 *                              hosts ({@link BurstFilter}), which then score as well as private ones
 * @param candidateLimit        FAST mode: feasible hosts scored per decision (≥ 1)
 */
public record PlacementConfig(
        Mode mode,
        Strategy strategy,
        Set<String> filters,
        Map<String, Integer> scorerWeights,
        double privateFirstThreshold,
        int candidateLimit) {

    public enum Mode { EXACT, FAST }

    public static final List<String> KNOWN_FILTERS = List.of(ExcludedHostFilter.NAME, HealthFilter.NAME,
            KindSupportFilter.NAME, TenantEligibilityFilter.NAME, RequiredLabelsFilter.NAME, BurstFilter.NAME,
            AntiAffinityFilter.NAME, AffinityFilter.NAME, CapacityFilter.NAME);

    /** Without these a decision could pick a host that cannot run the workload at all. */
    public static final List<String> REQUIRED_FILTERS = List.of(ExcludedHostFilter.NAME, HealthFilter.NAME,
            KindSupportFilter.NAME, TenantEligibilityFilter.NAME, CapacityFilter.NAME);

    public static final List<String> KNOWN_SCORERS = List.of(AllocationScorer.NAME, SoftAffinityScorer.NAME,
            ZoneSpreadScorer.NAME, CostScorer.NAME, PrivateFirstScorer.NAME);

    public PlacementConfig {
        filters = filters == null ? Set.of() : Set.copyOf(filters);
        scorerWeights = scorerWeights == null ? Map.of() : Map.copyOf(scorerWeights);
    }

    /**
     * Exact, bin-pack, every plugin on. Weights: private-first 4 (owned hardware is already
     * paid for), soft affinity 2 (the user asked), allocation, zone spread and cost 1;
     * bursting from 80 % private utilisation; 64 candidates in fast mode.
     */
    public static PlacementConfig defaults() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(AllocationScorer.NAME, 1);
        weights.put(SoftAffinityScorer.NAME, 2);
        weights.put(ZoneSpreadScorer.NAME, 1);
        weights.put(CostScorer.NAME, 1);
        weights.put(PrivateFirstScorer.NAME, 4);
        return new PlacementConfig(Mode.EXACT, Strategy.BIN_PACK, new LinkedHashSet<>(KNOWN_FILTERS), weights, 0.8, 64);
    }

    public PlacementConfig withMode(Mode mode) {
        return new PlacementConfig(mode, strategy, filters, scorerWeights, privateFirstThreshold, candidateLimit);
    }

    public PlacementConfig withStrategy(Strategy strategy) {
        return new PlacementConfig(mode, strategy, filters, scorerWeights, privateFirstThreshold, candidateLimit);
    }

    public PlacementConfig withFilters(Set<String> filters) {
        return new PlacementConfig(mode, strategy, filters, scorerWeights, privateFirstThreshold, candidateLimit);
    }

    public PlacementConfig withScorerWeights(Map<String, Integer> weights) {
        return new PlacementConfig(mode, strategy, filters, weights, privateFirstThreshold, candidateLimit);
    }

    public PlacementConfig withPrivateFirstThreshold(double threshold) {
        return new PlacementConfig(mode, strategy, filters, scorerWeights, threshold, candidateLimit);
    }

    public PlacementConfig withCandidateLimit(int limit) {
        return new PlacementConfig(mode, strategy, filters, scorerWeights, privateFirstThreshold, limit);
    }

    /** @return this; throws {@link IllegalArgumentException} listing every problem at once */
    public PlacementConfig validate() {
        List<String> problems = new ArrayList<>();
        if (mode == null) {
            problems.add("mode is required (EXACT or FAST)");
        }
        if (strategy == null) {
            problems.add("strategy is required (BIN_PACK or SPREAD)");
        }
        filters.stream().filter(f -> !KNOWN_FILTERS.contains(f)).sorted()
                .forEach(f -> problems.add("unknown filter '" + f + "' (known: " + String.join(", ", KNOWN_FILTERS) + ")"));
        REQUIRED_FILTERS.stream().filter(f -> !filters.contains(f))
                .forEach(f -> problems.add("filter '" + f + "' cannot be disabled"));
        scorerWeights.keySet().stream().filter(s -> !KNOWN_SCORERS.contains(s)).sorted()
                .forEach(s -> problems.add("unknown scorer '" + s + "' (known: " + String.join(", ", KNOWN_SCORERS) + ")"));
        scorerWeights.entrySet().stream().filter(e -> e.getValue() == null || e.getValue() < 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> problems.add("scorer '" + e.getKey() + "' has negative weight " + e.getValue()));
        if (!(privateFirstThreshold >= 0 && privateFirstThreshold <= 1)) {
            problems.add("privateFirstThreshold must be within 0..1, was " + privateFirstThreshold);
        }
        if (candidateLimit < 1) {
            problems.add("candidateLimit must be at least 1, was " + candidateLimit);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid placement configuration: " + String.join("; ", problems));
        }
        return this;
    }
}
