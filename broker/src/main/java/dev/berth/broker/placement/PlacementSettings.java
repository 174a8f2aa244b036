package dev.berth.broker.placement;

import dev.berth.placement.PlacementConfig;
import dev.berth.placement.plugins.AllocationScorer;
import dev.berth.placement.plugins.BurstFilter;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Placement configuration ({@code berth.placement.*}); validated at start-up by
 * {@link PlacementPipelineProducer}, so a typo in a plugin name stops the broker instead of
 * silently changing where workloads land.
 */
@ConfigMapping(prefix = "berth.placement")
public interface PlacementSettings {

    /** EXACT (score every feasible host) or FAST (index + bounded candidate scoring). */
    @WithDefault("EXACT")
    PlacementConfig.Mode mode();

    /** BIN_PACK (fill hosts) or SPREAD (balance load). */
    @WithDefault("BIN_PACK")
    AllocationScorer.Strategy strategy();

    /** Enabled filters by name; empty = all known filters. */
    Optional<Set<String>> filters();

    /** Scorer weights by name (e.g. {@code berth.placement.weights.Cost=2}); absent = defaults. */
    Map<String, Integer> weights();

    /**
     * Private fleet utilisation (0..1) from which burst-allowed tenants may use public (cloud)
     * hosts, which then score as well as private ones (see {@link BurstFilter}).
     */
    @WithDefault("0.8")
    double privateFirstThreshold();

    /** Hosts scored at most per decision in FAST mode. */
    @WithDefault("64")
    int candidateLimit();

    /** Re-placements after lost reservation races before giving up. */
    @WithDefault("8")
    int maxAttempts();
}
