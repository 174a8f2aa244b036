package dev.berth.policies;

import dev.cel.runtime.CelVariableResolver;

/**
 * An applicable policy about to be evaluated: its compiled program, or — when the stored
 * policy no longer compiles — the fixed error outcome it yields every time.
 */
record PreparedRule(CompiledPolicy compiled, RuleOutcome compileFailure) {

    static PreparedRule prepare(Policy policy, ProgramCache cache, RuleEvaluator evaluator) {
        try {
            return new PreparedRule(cache.get(policy), null);
        } catch (PolicyCompilationException e) {
            return new PreparedRule(null, evaluator.uncompilable(policy, e));
        }
    }

    RuleOutcome evaluate(RuleEvaluator evaluator, CelVariableResolver vars) {
        return compiled == null ? compileFailure : evaluator.evaluate(compiled, vars);
    }
}
