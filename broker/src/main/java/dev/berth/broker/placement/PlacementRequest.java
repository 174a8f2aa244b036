package dev.berth.broker.placement;

import java.util.Set;
import java.util.UUID;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * What is being placed.
 *
 * @param requestId    seeds the tie-break, so a decision can be replayed (the workload id)
 * @param excludeHosts hosts already tried and lost in a race or failed for this workload
 */
public record PlacementRequest(UUID requestId, String tenant, WorkloadKind kind, Resources resources, Set<UUID> excludeHosts) {

    public PlacementRequest {
        excludeHosts = Set.copyOf(excludeHosts);
    }

    public PlacementRequest excluding(UUID hostId) {
        var more = new java.util.HashSet<>(excludeHosts);
        more.add(hostId);
        return new PlacementRequest(requestId, tenant, kind, resources, more);
    }
}
