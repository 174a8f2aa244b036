package dev.berth.placement;

import dev.berth.placement.plugins.BurstFilter;
import dev.berth.placement.plugins.TenantEligibilityFilter;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * What is being placed, and for whom.
 *
 * @param requestId    seeds the tie-break, so a decision can be replayed (the workload id)
 * @param excludeHosts hosts already tried and lost in a race or failed for this workload
 * @param hints        where the workload asks to land ({@link PlacementHints#NONE}: anywhere)
 * @param tenantLabels the tenant's own labels, read by {@link TenantEligibilityFilter} and {@link BurstFilter}
 * @param bursting     the second stage of a private-first decision: nothing private fitted and
 *                     the tenant may burst, so {@link BurstFilter} lets public hosts through
 */
public record PlacementRequest(
        UUID requestId,
        String tenant,
        WorkloadKind kind,
        Resources resources,
        Set<UUID> excludeHosts,
        PlacementHints hints,
        Map<String, String> tenantLabels,
        boolean bursting) {

    public PlacementRequest {
        excludeHosts = Set.copyOf(excludeHosts);
        hints = hints == null ? PlacementHints.NONE : hints;
        tenantLabels = tenantLabels == null ? Map.of() : Map.copyOf(tenantLabels);
    }

    /** A first-stage request (not bursting). */
    public PlacementRequest(UUID requestId, String tenant, WorkloadKind kind, Resources resources, Set<UUID> excludeHosts,
            PlacementHints hints, Map<String, String> tenantLabels) {
        this(requestId, tenant, kind, resources, excludeHosts, hints, tenantLabels, false);
    }

    /** No hints, no tenant labels: what {@code Admission} builds today. */
    public PlacementRequest(UUID requestId, String tenant, WorkloadKind kind, Resources resources, Set<UUID> excludeHosts) {
        this(requestId, tenant, kind, resources, excludeHosts, PlacementHints.NONE, Map.of());
    }

    public PlacementRequest excluding(UUID hostId) {
        Set<UUID> more = new HashSet<>(excludeHosts);
        more.add(hostId);
        return new PlacementRequest(requestId, tenant, kind, resources, more, hints, tenantLabels, bursting);
    }

    public PlacementRequest withHints(PlacementHints hints) {
        return new PlacementRequest(requestId, tenant, kind, resources, excludeHosts, hints, tenantLabels, bursting);
    }

    public PlacementRequest withTenantLabels(Map<String, String> tenantLabels) {
        return new PlacementRequest(requestId, tenant, kind, resources, excludeHosts, hints, tenantLabels, bursting);
    }

    /** The same request in the second, bursting stage. */
    public PlacementRequest asBursting() {
        return new PlacementRequest(requestId, tenant, kind, resources, excludeHosts, hints, tenantLabels, true);
    }

    /** {@code tenant/group}, the key of {@link HostSnapshot#groupCounts()}; null without a group. */
    public String groupKey() {
        return hints.group() == null ? null : tenant + "/" + hints.group();
    }
}
