package dev.berth.policies;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelVariableResolver;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one compiled policy against bound variables and turns the result, or the failure, into
 * a {@link RuleOutcome}. Guards: CEL's comprehension budget (set in the environment) and a
 * wall-clock deadline checked after every evaluated node. Thread-safe.
 */
final class RuleEvaluator {

    private static final System.Logger LOG = System.getLogger(RuleEvaluator.class.getName());

    private final long timeoutNanos;
    private final String timeoutText;
    private final LongAdder evaluations = new LongAdder();

    RuleEvaluator(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.timeoutText = "evaluation exceeded the time limit of " + timeout.toMillis() + " ms";
    }

    RuleOutcome evaluate(CompiledPolicy compiled, CelVariableResolver vars) {
        evaluations.increment();
        Policy policy = compiled.policy();
        Object result;
        try {
            result = compiled.program().trace(vars, deadline());
        } catch (CelEvaluationException | RuntimeException e) {
            return failed(policy, e.getMessage());
        }
        if (!(result instanceof Boolean allowed)) {
            return failed(policy, "expression returned " + result + " instead of a boolean");
        }
        if (allowed) {
            return outcome(policy, RuleOutcome.Status.ALLOWED, "", "");
        }
        return outcome(policy, RuleOutcome.Status.VIOLATED, violationMessage(compiled, vars), "");
    }

    /** Outcome for a policy that cannot even be compiled any more (schema changed since it was saved). */
    RuleOutcome uncompilable(Policy policy, PolicyCompilationException e) {
        return failed(policy, e.getMessage());
    }

    long evaluations() {
        return evaluations.sum();
    }

    private CelEvaluationListener deadline() {
        long deadline = System.nanoTime() + timeoutNanos;
        return (expr, value) -> {
            if (System.nanoTime() - deadline > 0) {
                throw new EvaluationTimeout(timeoutText);
            }
        };
    }

    private static String violationMessage(CompiledPolicy compiled, CelVariableResolver vars) {
        if (compiled.message().isEmpty()) {
            return "violates policy '" + compiled.policy().name() + "'";
        }
        return compiled.message().render(vars);
    }

    private static RuleOutcome failed(Policy policy, String error) {
        LOG.log(System.Logger.Level.WARNING, "policy {0} v{1} could not be evaluated: {2}",
                policy.id(), policy.version(), error);
        String way = policy.effect() == PolicyEffect.DENY
                ? "treated as violated (deny policies fail closed)"
                : "ignored (warn policies fail open)";
        String message = "policy '" + policy.name() + "' could not be evaluated and is " + way + ": " + error;
        return outcome(policy, RuleOutcome.Status.ERROR, message, error);
    }

    private static RuleOutcome outcome(Policy policy, RuleOutcome.Status status, String message, String error) {
        return new RuleOutcome(policy.id(), policy.name(), policy.version(), policy.effect(), policy.mode(),
                status, message, error);
    }

    /** Thrown from the listener to abort CEL's evaluation; no stack trace, it is a control signal. */
    private static final class EvaluationTimeout extends RuntimeException {
        EvaluationTimeout(String message) {
            super(message, null, false, false);
        }
    }
}
