package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.Bursting;
import dev.berth.placement.engine.ColumnarFilter;
import dev.berth.placement.engine.FilterKernel;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.RejectionTally;

import dev.berth.placement.HostSnapshot.ProviderClass;

/**
 * Private-first as a rule: public (cloud) hosts are used only by tenants allowed to burst
 * (tenant label {@value #TENANT_BURST_LABEL}{@code =}{@value #ALLOWED}), and only once the
 * private fleet's utilisation is at or past the threshold or nothing private fits — the
 * latter is the pipeline's second stage ({@link PlacementRequest#bursting()}, see
 * {@link Bursting}). {@link PrivateFirstScorer} only ranks; this filter decides.
 *
 * <p>A request that pins {@code providerClass=public} is not bursting: the tenant chose the
 * cloud, and whether it may is {@link TenantEligibilityFilter}'s {@code allowed-provider-classes}
 * rule. Private hosts always pass.
 */
public final class BurstFilter implements ColumnarFilter {

    public static final String NAME = "Burst";
    /** Tenant label that lets the broker spill the tenant's workloads to public hosts. */
    public static final String TENANT_BURST_LABEL = "berth.dev/burst";
    public static final String ALLOWED = "allowed";

    /** The tenant may not burst: public hosts are not for its unpinned workloads. */
    public static final String NOT_ALLOWED = "burst_not_allowed";
    /** The tenant may burst, but the private fleet is below the threshold and this is the private stage. */
    public static final String PRIVATE_FIRST = "private_first";

    private final double threshold;

    /** @param threshold private fleet utilisation (0..1) from which allowed tenants may use public hosts */
    public BurstFilter(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether this tenant may burst at all. */
    public static boolean allowed(PlacementRequest request) {
        return ALLOWED.equals(request.tenantLabels().get(TENANT_BURST_LABEL));
    }

    /** Whether the private fleet is busy enough that allowed tenants may use public hosts in the first stage. */
    public boolean pastThreshold(FleetStats fleet) {
        return fleet.privateUtilisation() >= threshold;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        if (host.providerClass() != ProviderClass.PUBLIC) {
            return FilterResult.pass();
        }
        String reason = reason(request, fleet);
        return reason == null ? FilterResult.pass() : FilterResult.reject(reason);
    }

    /** Why every public host is refused to this request, or null when public hosts may be used. */
    private String reason(PlacementRequest request, FleetStats fleet) {
        if (request.hints().providerClass() == ProviderClass.PUBLIC) {
            return null;
        }
        if (!allowed(request)) {
            return NOT_ALLOWED;
        }
        return pastThreshold(fleet) || request.bursting() ? null : PRIVATE_FIRST;
    }

    /** One decision per request, not per host: either no host is refused, or exactly the public ones, for one reason. */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        String reason = reason(request, stats);
        if (reason == null) {
            return FilterKernel.PASS_ALL;
        }
        long[] cloud = fleet.ofProviderClass(ProviderClass.PUBLIC);
        return new FilterKernel() {
            @Override
            public String reject(int host) {
                return (cloud[host >>> 6] & (1L << host)) != 0 ? reason : null;
            }

            @Override
            public void narrow(HostSet survivors, RejectionTally tally) {
                tally.add(reason, survivors.removeAll(cloud));
            }
        };
    }
}
