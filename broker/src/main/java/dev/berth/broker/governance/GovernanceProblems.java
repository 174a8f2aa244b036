package dev.berth.broker.governance;

import java.util.List;

import dev.berth.api.model.FieldViolation;
import dev.berth.api.model.PolicyViolation;
import dev.berth.api.model.Problem;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;
import dev.berth.policies.CompilationIssue;
import dev.berth.policies.RuleOutcome;

/** The problems governance can raise. */
public final class GovernanceProblems {

    private GovernanceProblems() {
    }

    public static final class NotFound extends BerthProblem {
        public NotFound(String id) {
            super(ProblemCode.POLICY_NOT_FOUND, "No policy '" + id + "'.");
        }
    }

    public static final class Exists extends BerthProblem {
        public Exists(String id) {
            super(ProblemCode.POLICY_EXISTS, "A policy '" + id + "' exists; update it with PUT.");
        }
    }

    /** The compiler's own words, one violation per issue, with its part and position. */
    public static final class Invalid extends BerthProblem {
        public Invalid(List<CompilationIssue> issues) {
            super(ProblemCode.POLICY_INVALID, "The policy does not compile: " + issues, issues.stream()
                    .map(i -> new FieldViolation().field(i.part() + ":" + i.line() + ":" + i.column()).message(i.message()))
                    .toList());
        }
    }

    /** Every violated enforcing deny rule, with its rendered message; nothing was created. */
    public static final class Denied extends BerthProblem {
        private final transient List<RuleOutcome> denials;

        public Denied(List<RuleOutcome> denials) {
            super(ProblemCode.POLICY_DENIED, "Denied by " + denials.size() + " polic" + (denials.size() == 1 ? "y" : "ies")
                    + ": " + String.join("; ", denials.stream().map(d -> d.policyId() + ": " + d.message()).toList()));
            this.denials = List.copyOf(denials);
        }

        @Override
        public void decorate(Problem body) {
            body.violations(denials.stream()
                    .map(GovernanceProblems::violation).toList());
        }
    }

    /** One policy outcome as the API shows it: in a {@code policy.denied} body and in a simulation. */
    public static PolicyViolation violation(RuleOutcome outcome) {
        return new PolicyViolation().policyId(outcome.policyId()).policyVersion(outcome.policyVersion())
                .message(outcome.message());
    }
}
