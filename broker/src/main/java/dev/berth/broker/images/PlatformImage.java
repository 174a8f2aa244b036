package dev.berth.broker.images;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.provider.spi.WorkloadKind;

/**
 * An image a platform admin registered: the name tenants write as {@code image}, and per
 * driver the artefact a host of that driver starts it from.
 *
 * @param artefacts driver name ({@code docker}, {@code libvirt}, {@code aws}) → artefact
 * @param hostIds   only these hosts carry it; empty = every host of the artefacts' drivers
 */
public record PlatformImage(UUID id, String name, WorkloadKind kind, Map<String, String> artefacts, Set<UUID> hostIds,
                            String description, OffsetDateTime createdAt) {

    public PlatformImage {
        artefacts = Map.copyOf(artefacts);
        hostIds = Set.copyOf(hostIds);
        description = description == null ? "" : description;
    }

    /** The artefact a host of {@code driver} starts this image from, if this host may run it at all. */
    public Optional<String> artefactOn(UUID hostId, String driver) {
        if (!hostIds.isEmpty() && !hostIds.contains(hostId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(artefacts.get(driver));
    }
}
