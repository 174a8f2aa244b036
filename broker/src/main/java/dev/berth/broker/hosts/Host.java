package dev.berth.broker.hosts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.placement.HostSnapshot;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/** A registered placement target, as stored. */
public record Host(
        UUID id,
        String name,
        String driver,
        String endpoint,
        Map<String, String> options,
        Map<String, String> labels,
        Set<WorkloadKind> supportedKinds,
        String engineVersion,
        Resources capacity,
        Overcommit overcommit,
        Resources allocatable,
        Resources allocated,
        int instances,
        boolean cordoned,
        HostSnapshot.HealthStatus health,
        String healthDetail,
        OffsetDateTime healthCheckedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Allocatable = capacity × ratio, per dimension. */
    public record Overcommit(BigDecimal cpu, BigDecimal memory, BigDecimal disk) {
        public static final Overcommit NONE = new Overcommit(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
    }

    public HostConnection connection() {
        return new HostConnection(driver, endpoint, options);
    }

    public HostSnapshot snapshot() {
        return new HostSnapshot(id, name, supportedKinds, cordoned, health, allocatable, allocated, labels);
    }
}
