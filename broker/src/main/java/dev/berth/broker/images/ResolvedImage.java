package dev.berth.broker.images;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.plugins.PolicyFilter;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.WorkloadKind;

/**
 * An image reference resolved for one admission: on which hosts it exists and what each
 * host's driver gets there. A registry reference runs as a container on Docker and AWS
 * hosts; a platform image on the hosts of its artefacts' drivers (and scope), as its kind;
 * a snapshot only on the host that keeps it, as the kind of the workload it was taken of.
 *
 * @param byHost what the driver of each host that can run it gets
 * @param kind   the kind the image fixes (platform images and snapshots); empty = containers only
 */
public record ResolvedImage(ImageSourceKind source, Map<UUID, ImageSource> byHost, Optional<WorkloadKind> kind) {

    public static final String FILTER = "ImageAvailability";
    public static final String UNAVAILABLE = "image_unavailable";

    public ResolvedImage {
        byHost = Map.copyOf(byHost);
    }

    public boolean availableOn(UUID hostId, WorkloadKind as) {
        return byHost.containsKey(hostId) && kind.orElse(WorkloadKind.CONTAINER) == as;
    }

    /** What the chosen host's driver gets; only asked for a host {@link #availableOn} accepted. */
    public ImageSource on(UUID hostId) {
        ImageSource image = byHost.get(hostId);
        if (image == null) {
            throw new IllegalStateException("image not available on host " + hostId);
        }
        return image;
    }

    /** Placement's view: hosts that do not carry the image for the request's kind are dropped, counted under one reason. */
    public PolicyFilter placementFilter() {
        return new PolicyFilter(FILTER, UNAVAILABLE, (PlacementRequest request, HostSnapshot host) ->
                availableOn(host.id(), request.kind()));
    }
}
