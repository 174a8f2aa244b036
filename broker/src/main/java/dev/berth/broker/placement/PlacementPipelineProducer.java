package dev.berth.broker.placement;

import dev.berth.placement.PlacementConfig;
import dev.berth.placement.PlacementPipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one placement pipeline of this broker from {@link PlacementSettings}, validating it at start-up. */
@ApplicationScoped
public class PlacementPipelineProducer {

    @Produces
    @Singleton
    PlacementPipeline pipeline(PlacementConfig config) {
        return new PlacementPipeline(config, List.of());
    }

    @Produces
    @Singleton
    @Startup
    PlacementConfig config(PlacementSettings settings) {
        PlacementConfig defaults = PlacementConfig.defaults();
        Map<String, Integer> weights = new HashMap<>(defaults.scorerWeights());
        weights.putAll(settings.weights());
        return defaults.withMode(settings.mode()).withStrategy(settings.strategy())
                .withFilters(settings.filters().orElse(defaults.filters()))
                .withScorerWeights(weights)
                .withPrivateFirstThreshold(settings.privateFirstThreshold())
                .withCandidateLimit(settings.candidateLimit())
                .validate();
    }
}
