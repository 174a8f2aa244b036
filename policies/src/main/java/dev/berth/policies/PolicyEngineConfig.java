package dev.berth.policies;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and switches of a {@link PolicyEngine}, fixed at construction.
 *
 * @param maxIterations       CEL's comprehension budget per evaluation (all {@code all/exists/map/filter}
 *                            iterations together, nested ones multiplied); past it the evaluation is an error
 * @param evaluationTimeout   wall-clock budget of one rule evaluation; checked after every evaluated
 *                            node, past it the evaluation is an error. A backstop behind the iteration
 *                            budget, kept generous: it is wall time, so a GC pause counts (the benchmark
 *                            saw 3 µs evaluations cross 100 ms under allocation pressure on 2 cores)
 * @param maxExpressionLength longest expression (and template placeholder) accepted at compile time, in code points
 * @param shareHostResults    placement: evaluate a rule once per distinct set of host fields it reads
 *                            (on by default; off only to measure what the sharing saves)
 */
public record PolicyEngineConfig(
        int maxIterations,
        Duration evaluationTimeout,
        int maxExpressionLength,
        boolean shareHostResults) {

    public static final int DEFAULT_MAX_ITERATIONS = 10_000;
    public static final Duration DEFAULT_EVALUATION_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_EXPRESSION_LENGTH = 4_096;

    public PolicyEngineConfig {
        Objects.requireNonNull(evaluationTimeout, "evaluationTimeout");
        if (maxIterations < 1 || maxExpressionLength < 1 || evaluationTimeout.isNegative() || evaluationTimeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static PolicyEngineConfig defaults() {
        return new PolicyEngineConfig(DEFAULT_MAX_ITERATIONS, DEFAULT_EVALUATION_TIMEOUT,
                DEFAULT_MAX_EXPRESSION_LENGTH, true);
    }

    public PolicyEngineConfig withMaxIterations(int value) {
        return new PolicyEngineConfig(value, evaluationTimeout, maxExpressionLength, shareHostResults);
    }

    public PolicyEngineConfig withEvaluationTimeout(Duration value) {
        return new PolicyEngineConfig(maxIterations, value, maxExpressionLength, shareHostResults);
    }

    public PolicyEngineConfig withShareHostResults(boolean value) {
        return new PolicyEngineConfig(maxIterations, evaluationTimeout, maxExpressionLength, value);
    }
}
