package dev.berth.placement;

import dev.berth.placement.plugins.AntiAffinityFilter;
import dev.berth.placement.plugins.CostScorer;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacementConfigTest {

    @Test
    void defaultsAreValidAndEnableEveryPlugin() {
        PlacementConfig config = PlacementConfig.defaults().validate();

        assertThat(config.filters()).containsExactlyInAnyOrderElementsOf(PlacementConfig.KNOWN_FILTERS);
        assertThat(config.scorerWeights().keySet()).containsExactlyInAnyOrderElementsOf(PlacementConfig.KNOWN_SCORERS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown scorer           | scorer  | Spreed       | 1   | unknown scorer 'Spreed' (known: Allocation",
            "negative weight          | scorer  | Cost         | -1  | scorer 'Cost' has negative weight -1",
            "unknown filter           | filter  | Capacityy    | 0   | unknown filter 'Capacityy' (known: ExcludedHost",
            "required filter disabled | disable | Capacity     | 0   | filter 'Capacity' cannot be disabled",
            "threshold above 1        | threshold | 1.01       | 0   | privateFirstThreshold must be within 0..1, was 1.01",
            "threshold below 0        | threshold | -0.1       | 0   | privateFirstThreshold must be within 0..1, was -0.1",
            "candidate limit zero     | limit   | 0            | 0   | candidateLimit must be at least 1, was 0",
    })
    void refusesBadConfigurationWithAClearMessage(String name, String what, String value, int weight, String message) {
        PlacementConfig config = PlacementConfig.defaults();
        switch (what) {
            case "scorer" -> {
                Map<String, Integer> weights = new LinkedHashMap<>(config.scorerWeights());
                weights.put(value, weight);
                config = config.withScorerWeights(weights);
            }
            case "filter" -> {
                Set<String> filters = new HashSet<>(config.filters());
                filters.add(value);
                config = config.withFilters(filters);
            }
            case "disable" -> {
                Set<String> filters = new HashSet<>(config.filters());
                filters.remove(value);
                config = config.withFilters(filters);
            }
            case "threshold" -> config = config.withPrivateFirstThreshold(Double.parseDouble(value));
            default -> config = config.withCandidateLimit(Integer.parseInt(value));
        }
        PlacementConfig bad = config;

        assertThatThrownBy(bad::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid placement configuration: ").hasMessageContaining(message);
    }

    @ParameterizedTest(name = "weight {0} is fine")
    @CsvSource({"0", "1", "1000"})
    void zeroAndLargeWeightsAreAllowed(int weight) {
        Map<String, Integer> weights = new LinkedHashMap<>(PlacementConfig.defaults().scorerWeights());
        weights.put(CostScorer.NAME, weight);

        assertThat(PlacementConfig.defaults().withScorerWeights(weights).validate()).isNotNull();
    }

    @Test
    void optionalFiltersMayBeDisabledAndThenDoNotRun() {
        Set<String> filters = new HashSet<>(PlacementConfig.KNOWN_FILTERS);
        filters.remove(AntiAffinityFilter.NAME);

        assertThat(PlacementConfig.defaults().withFilters(filters).validate().filters()).doesNotContain(AntiAffinityFilter.NAME);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        PlacementConfig config = PlacementConfig.defaults().withScorerWeights(Map.of("Nope", -2)).withCandidateLimit(0);

        assertThatThrownBy(config::validate).hasMessageContaining("unknown scorer 'Nope'")
                .hasMessageContaining("negative weight -2").hasMessageContaining("candidateLimit");
    }
}
