package dev.berth.policies;

import java.util.List;

/**
 * The verdict of a set of policies on one request (admission) or one host (placement): every
 * applicable rule's outcome, in the order the policies were given, and the views the caller acts on.
 *
 * @param outcomes one outcome per applicable policy (disabled, other-stage and other-tenant
 *                 policies are not evaluated and do not appear)
 */
public record Decision(List<RuleOutcome> outcomes) {

    public Decision {
        outcomes = List.copyOf(outcomes);
    }

    /** True when no enforced deny rule is violated (or failed closed). */
    public boolean allowed() {
        return outcomes.stream().noneMatch(RuleOutcome::denies);
    }

    /** Enforced deny rules violated or failed closed: the reasons for {@code policy.denied}. */
    public List<RuleOutcome> denials() {
        return outcomes.stream().filter(RuleOutcome::denies).toList();
    }

    /** Enforced warn rules violated: returned with the response, recorded, nothing blocked. */
    public List<RuleOutcome> warnings() {
        return outcomes.stream().filter(RuleOutcome::warns).toList();
    }

    /** Audit-mode rules violated: "would have denied / warned" records; nothing blocked. */
    public List<RuleOutcome> auditFindings() {
        return outcomes.stream().filter(RuleOutcome::isAuditFinding).toList();
    }

    /** Rules that could not be evaluated, whichever way they failed. */
    public List<RuleOutcome> errors() {
        return outcomes.stream().filter(o -> o.status() == RuleOutcome.Status.ERROR).toList();
    }
}
