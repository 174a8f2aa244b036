package dev.berth.policies;

import dev.berth.policies.context.EvaluationContext;
import dev.cel.runtime.CelVariableResolver;
import java.util.Collection;
import java.util.List;

/**
 * The governance engine: compiles policies (cached per id and version) and evaluates them at
 * admission and placement. One instance per process; thread-safe.
 *
 * <p>Callers pass the policy set they hold (active versions, or a draft for a dry-run); the
 * engine evaluates only those that are enabled, of the stage asked for, and scoped globally or
 * to the request's tenant. See {@link Policy} for the polarity of expressions and
 * {@link RuleOutcome.Status#ERROR} for how failures count.
 */
public final class PolicyEngine {

    private final PolicyEngineConfig config;
    private final PolicyCompiler compiler;
    private final ProgramCache programs;
    private final RuleEvaluator evaluator;

    public PolicyEngine() {
        this(PolicyEngineConfig.defaults());
    }

    public PolicyEngine(PolicyEngineConfig config) {
        this.config = config;
        this.compiler = new PolicyCompiler(new PolicyEnvironment(config));
        this.programs = new ProgramCache(compiler);
        this.evaluator = new RuleEvaluator(config.evaluationTimeout());
        warmUp();
    }

    /** The save-time checker, sharing this engine's environment and limits. */
    public PolicyCompiler compiler() {
        return compiler;
    }

    public PolicyEngineConfig config() {
        return config;
    }

    /** Evaluates the applicable admission policies of {@code policies} against one request. */
    public Decision admit(EvaluationContext context, Collection<Policy> policies) {
        CelVariableResolver vars = ContextBindings.of(context);
        List<RuleOutcome> outcomes = prepare(PolicyStage.ADMISSION, context, policies).stream()
                .map(rule -> rule.evaluate(evaluator, vars))
                .toList();
        return new Decision(outcomes);
    }

    /**
     * Prepares the applicable placement policies of {@code policies} for one request; the
     * result judges hosts one by one and shares outcomes between look-alike hosts.
     */
    public PlacementEvaluation placement(EvaluationContext context, Collection<Policy> policies) {
        return new PlacementEvaluation(prepare(PolicyStage.PLACEMENT, context, policies),
                ContextBindings.of(context), evaluator, config.shareHostResults());
    }

    /** Drops the cached program of a deleted policy. */
    public void evict(String policyId) {
        programs.evict(policyId);
    }

    /** CEL programs run since start (admission and placement), for metrics and tests. */
    public long evaluations() {
        return evaluator.evaluations();
    }

    /** Policies compiled since start; stays flat while the same versions are evaluated. */
    public long compilations() {
        return programs.compilations();
    }

    /**
     * CEL's interpreter initialises lazily; its first evaluation in a JVM can take tens of
     * milliseconds, enough to trip the wall-clock guard and fail a real rule closed. One
     * throw-away evaluation here pays that cost at start-up instead.
     */
    private void warmUp() {
        Policy probe = Policy.builder("engine-warm-up")
                .expression("[request.image].exists(i, i.startsWith('x')) || tenant.labels.size() >= 0")
                .build();
        try {
            CompiledPolicy compiled = compiler.compile(probe);
            compiled.program().eval(ContextBindings.of(WarmUp.CONTEXT));
        } catch (PolicyCompilationException | dev.cel.runtime.CelEvaluationException e) {
            throw new IllegalStateException("policy engine self-test failed", e);
        }
    }

    private List<PreparedRule> prepare(PolicyStage stage, EvaluationContext context, Collection<Policy> policies) {
        String tenant = context.tenant().slug();
        return policies.stream()
                .filter(p -> p.appliesTo(stage, tenant))
                .map(p -> PreparedRule.prepare(p, programs, evaluator))
                .toList();
    }
}
