package dev.berth.broker.events;

import java.util.Optional;
import java.util.UUID;

/**
 * Which events a list or a watch covers: one tenant's (empty = every tenant, for platform
 * admins only) and optionally one workload's. Built by {@link EventAccess} from the caller,
 * never from request input alone.
 */
public record EventScope(Optional<String> tenant, Optional<UUID> workloadId) {

    public static EventScope workload(UUID workloadId) {
        return new EventScope(Optional.empty(), Optional.of(workloadId));
    }

    /** Whether an event of {@code eventTenant} may be in this scope (a cheap pre-filter for wake-ups). */
    public boolean covers(String eventTenant) {
        return tenant.isEmpty() || tenant.get().equals(eventTenant);
    }
}
