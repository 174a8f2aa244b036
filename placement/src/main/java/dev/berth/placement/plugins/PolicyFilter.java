package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementFilter;
import dev.berth.placement.PlacementRequest;

import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The seam for placement-stage governance policies (data residency and the like): adapts a
 * predicate supplied from outside into a filter whose rejections are reported under the
 * policy's name. Placement knows nothing of CEL; the policy engine hands over predicates.
 * The predicate must be pure and thread-safe: it runs once per host per decision.
 */
public final class PolicyFilter implements PlacementFilter {

    public static final String DENIED = "policy_denied";

    private final String policyName;
    private final String reason;
    private final BiPredicate<PlacementRequest, HostSnapshot> allows;

    /** @param policyName shown as the filter name in explanations, e.g. {@code eu-residency} */
    public PolicyFilter(String policyName, BiPredicate<PlacementRequest, HostSnapshot> allows) {
        this(policyName, DENIED, allows);
    }

    /** A request-scoped rule from outside placement with its own rejection reason (e.g. image availability). */
    public PolicyFilter(String policyName, String reason, BiPredicate<PlacementRequest, HostSnapshot> allows) {
        if (policyName == null || policyName.isBlank()) {
            throw new IllegalArgumentException("a placement policy needs a name");
        }
        this.policyName = policyName;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.allows = Objects.requireNonNull(allows, "allows");
    }

    @Override
    public String name() {
        return policyName;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        return allows.test(request, host) ? FilterResult.pass() : FilterResult.reject(reason);
    }
}
