package dev.berth.policies;

import static dev.berth.policies.Contexts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A pathological expression ends in an error outcome (fail closed), never a hang. */
class EvaluationLimitsTest {

    /** [0, 1, ..., 299]: three nested comprehensions over it are 27 million iterations. */
    private static final String LIST = IntStream.range(0, 300).mapToObj(Integer::toString)
            .collect(Collectors.joining(",", "[", "]"));
    private static final String CUBIC = LIST + ".all(a, " + LIST + ".all(b, " + LIST + ".all(c, a + b + c >= 0)))";

    @Test
    void iterationBudgetStopsNestedComprehensions() {
        // a generous clock, so that only the iteration budget can stop it
        PolicyEngine engine = new PolicyEngine(PolicyEngineConfig.defaults()
                .withMaxIterations(10_000)
                .withEvaluationTimeout(Duration.ofSeconds(30)));
        Policy policy = Policy.builder("cubic").expression(CUBIC).build();

        Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> engine.admit(request().context(), List.of(policy)));

        assertThat(decision.outcomes().get(0).status()).isEqualTo(RuleOutcome.Status.ERROR);
        assertThat(decision.outcomes().get(0).error()).contains("Iteration budget exceeded: 10000");
        assertThat(decision.allowed()).isFalse();
    }

    @Test
    void wallClockGuardStopsWhatTheIterationBudgetAllows() {
        PolicyEngine engine = new PolicyEngine(PolicyEngineConfig.defaults()
                .withMaxIterations(Integer.MAX_VALUE)
                .withEvaluationTimeout(Duration.ofMillis(50)));
        Policy policy = Policy.builder("cubic").expression(CUBIC).effect(PolicyEffect.WARN).build();

        Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> engine.admit(request().context(), List.of(policy)));

        assertThat(decision.outcomes().get(0).status()).isEqualTo(RuleOutcome.Status.ERROR);
        assertThat(decision.outcomes().get(0).error()).contains("time limit of 50 ms");
        assertThat(decision.allowed()).isTrue(); // a warn rule fails open
    }

    @Test
    void aModestComprehensionStaysWithinTheDefaults() {
        PolicyEngine engine = new PolicyEngine();
        String list = IntStream.range(0, 10).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
        Policy policy = Policy.builder("square").expression(list + ".all(a, " + list + ".exists(b, a == b))").build();

        assertThat(engine.admit(request().context(), List.of(policy)).allowed()).isTrue();
    }
}
