package dev.berth.policies;

import java.util.Objects;

/**
 * What one policy said about one request (or one host).
 *
 * @param policyId      the policy's id
 * @param policyName    the policy's name, for explanations
 * @param policyVersion the version evaluated
 * @param effect        the policy's effect
 * @param mode          the policy's mode
 * @param status        allowed, violated, or could not be evaluated
 * @param message       for a violation, the rendered template (or a default naming the policy);
 *                      for an error, a sentence saying evaluation failed and which way it fails;
 *                      empty when allowed
 * @param error         the evaluation error for {@link Status#ERROR}, else empty
 */
public record RuleOutcome(
        String policyId,
        String policyName,
        long policyVersion,
        PolicyEffect effect,
        PolicyMode mode,
        Status status,
        String message,
        String error) {

    /** The three outcomes of a rule. */
    public enum Status {
        /** The expression evaluated to true. */
        ALLOWED,
        /** The expression evaluated to false. */
        VIOLATED,
        /**
         * The expression could not be evaluated (runtime error, iteration or time limit, a stored
         * policy that no longer compiles). A {@code deny} rule then counts as violated (fails
         * closed); a {@code warn} rule counts as allowed (fails open).
         */
        ERROR
    }

    public RuleOutcome {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        error = error == null ? "" : error;
    }

    /** Violated, or errored under the fail-closed rule of {@code deny} policies. */
    public boolean isViolation() {
        return status == Status.VIOLATED || (status == Status.ERROR && effect == PolicyEffect.DENY);
    }

    /** This outcome blocks the request / makes the host ineligible. */
    public boolean denies() {
        return mode == PolicyMode.ENFORCE && effect == PolicyEffect.DENY && isViolation();
    }

    /** This outcome is a warning to return to the caller. */
    public boolean warns() {
        return mode == PolicyMode.ENFORCE && effect == PolicyEffect.WARN && status == Status.VIOLATED;
    }

    /** Audit mode: what would have been denied (or warned) had the policy been enforced. */
    public boolean isAuditFinding() {
        return mode == PolicyMode.AUDIT && isViolation();
    }
}
