package dev.berth.broker.placement;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * One host as placement sees it at one instant: immutable, so a decision is made on a
 * consistent picture without holding any lock. The reservation that follows re-checks
 * capacity in PostgreSQL, which is what makes a stale snapshot harmless.
 *
 * @param allocatable capacity × overcommit
 * @param allocated   what live workloads hold now
 */
public record HostSnapshot(
        UUID id,
        String name,
        Set<WorkloadKind> supportedKinds,
        boolean cordoned,
        HealthStatus health,
        Resources allocatable,
        Resources allocated,
        Map<String, String> labels) {

    public enum HealthStatus { UNKNOWN, HEALTHY, UNHEALTHY }

    public HostSnapshot {
        supportedKinds = Set.copyOf(supportedKinds);
        labels = Map.copyOf(labels);
    }
}
