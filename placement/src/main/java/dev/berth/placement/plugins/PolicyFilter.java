package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementFilter;
import dev.berth.placement.PlacementRequest;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * The seam for placement-stage governance policies (data residency and the like): adapts a
 * predicate supplied from outside into a filter whose rejections are reported under the
 * policy's name. Placement knows nothing of CEL; the policy engine hands over predicates.
 * The predicate must be pure and thread-safe: it runs once per host per decision.
 *
 * <p>A rule that can fail to evaluate (a CEL expression reading a missing key, say) answers a
 * {@link Verdict}: a failed evaluation is reported with {@link FilterResult.Status#ERROR} and
 * reason {@link #ERROR}, the policy's error as detail, not as {@link #DENIED} — a broken policy
 * must not read as a fleet that does not fit.
 */
public final class PolicyFilter implements PlacementFilter {

    public static final String DENIED = "policy_denied";
    /** The policy could not be evaluated on the host (and fails closed). */
    public static final String ERROR = "policy_error";

    /** A policy's answer on one host. */
    public record Verdict(boolean allows, String error) {

        private static final Verdict ALLOW = new Verdict(true, null);
        private static final Verdict DENY = new Verdict(false, null);

        public static Verdict allow() {
            return ALLOW;
        }

        public static Verdict deny() {
            return DENY;
        }

        /** Evaluation failed and the policy fails closed: the host is rejected with this error. */
        public static Verdict failed(String error) {
            return new Verdict(false, Objects.requireNonNullElse(error, "evaluation failed"));
        }

        public boolean failed() {
            return error != null;
        }
    }

    private final String policyName;
    private final String reason;
    private final BiFunction<PlacementRequest, HostSnapshot, Verdict> rule;

    /** @param policyName shown as the filter name in explanations, e.g. {@code eu-residency} */
    public PolicyFilter(String policyName, BiPredicate<PlacementRequest, HostSnapshot> allows) {
        this(policyName, DENIED, allows);
    }

    /** A request-scoped rule from outside placement with its own rejection reason (e.g. image availability). */
    public PolicyFilter(String policyName, String reason, BiPredicate<PlacementRequest, HostSnapshot> allows) {
        this(policyName, reason, allows == null ? null : (PolicyRule) (request, host) -> allows.test(request, host) ? Verdict.allow() : Verdict.deny());
    }

    /** A rule that may fail to evaluate; a denial is reported as {@link #DENIED}, a failure as {@link #ERROR}. */
    public static PolicyFilter evaluating(String policyName, PolicyRule rule) {
        return new PolicyFilter(policyName, DENIED, rule);
    }

    /** The policy engine's side of the seam: allow, deny or failed, per host. Pure and thread-safe. */
    @FunctionalInterface
    public interface PolicyRule extends BiFunction<PlacementRequest, HostSnapshot, Verdict> {
    }

    private PolicyFilter(String policyName, String reason, PolicyRule rule) {
        if (policyName == null || policyName.isBlank()) {
            throw new IllegalArgumentException("a placement policy needs a name");
        }
        this.policyName = policyName;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String name() {
        return policyName;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        Verdict verdict = rule.apply(request, host);
        if (verdict.allows()) {
            return FilterResult.pass();
        }
        return verdict.failed() ? FilterResult.error(ERROR, policyName + ": " + verdict.error()) : FilterResult.reject(reason);
    }
}
