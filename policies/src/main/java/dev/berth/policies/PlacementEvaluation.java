package dev.berth.policies;

import dev.berth.policies.context.HostContext;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The placement-stage policies applicable to one request, ready to judge candidate hosts.
 * Create one per placement run with {@link PolicyEngine#placement}; ask {@link #eligible}
 * for each host.
 *
 * <p>A rule's outcome depends only on the request (fixed here) and the host fields it reads,
 * so it is evaluated once per distinct value of those fields and shared by every host that
 * has them: 10,000 hosts in 6 regions cost a region-only rule 6 evaluations. Thread-safe;
 * concurrent callers never evaluate the same (rule, host fields) twice.
 */
public final class PlacementEvaluation {

    private final List<Rule> rules;
    private final CelVariableResolver requestVars;
    private final RuleEvaluator evaluator;
    private final boolean share;
    private final LongAdder evaluations = new LongAdder();

    PlacementEvaluation(List<PreparedRule> prepared, CelVariableResolver requestVars,
            RuleEvaluator evaluator, boolean share) {
        this.rules = prepared.stream().map(Rule::new).toList();
        this.requestVars = requestVars;
        this.evaluator = evaluator;
        this.share = share;
    }

    /** The verdict on {@code host}: {@link Decision#allowed()} means the host is eligible. */
    public Decision eligible(HostContext host) {
        List<RuleOutcome> outcomes = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            outcomes.add(share ? rule.shared(host) : evaluate(rule, host));
        }
        return new Decision(outcomes);
    }

    /** Programs run by this placement so far (cache misses); what the sharing is measured by. */
    public long evaluations() {
        return evaluations.sum();
    }

    /** Number of applicable placement policies. */
    public int ruleCount() {
        return rules.size();
    }

    private RuleOutcome evaluate(Rule rule, HostContext host) {
        if (rule.prepared.compiled() == null) {
            return rule.prepared.compileFailure();
        }
        evaluations.increment();
        return rule.prepared.evaluate(evaluator, ContextBindings.withHost(requestVars, host));
    }

    private final class Rule {
        private final PreparedRule prepared;
        private final ConcurrentMap<Object, RuleOutcome> byHostKey = new ConcurrentHashMap<>();

        Rule(PreparedRule prepared) {
            this.prepared = prepared;
        }

        RuleOutcome shared(HostContext host) {
            if (prepared.compiled() == null) {
                return prepared.compileFailure();
            }
            Object key = prepared.compiled().hostFields().keyOf(host);
            RuleOutcome known = byHostKey.get(key);
            return known != null ? known : byHostKey.computeIfAbsent(key, k -> evaluate(this, host));
        }
    }
}
