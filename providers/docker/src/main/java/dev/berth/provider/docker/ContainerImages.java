package dev.berth.provider.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import dev.berth.provider.spi.BerthNames;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ImageSource.PlatformImage;
import dev.berth.provider.spi.ImageSource.RegistryImage;
import dev.berth.provider.spi.ImageSource.SnapshotImage;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Map;

/**
 * Which engine reference a workload's {@link ImageSource} becomes, and the checks the driver
 * makes itself although the broker resolved the image (defence in depth): never an image id
 * or id prefix (every reference handed to the engine names a tag or a digest, so the engine
 * cannot read it as an id), never a repository in Berth's own namespaces
 * ({@code berth-snapshots/…}) — unless the image is a {@link SnapshotImage} whose committed
 * image carries the labels of the same tenant and the named workload.
 */
final class ContainerImages {

    private ContainerImages() {
    }

    /** The reference to create the container from; Permanent for anything the driver must not use. */
    static String reference(WorkloadSpec spec) {
        ImageSource image = spec.image();
        if (image instanceof RegistryImage registry) {
            return outsideBerth(registry);
        }
        if (image instanceof PlatformImage platform) {
            return outsideBerth(parse(platform.artefact()));
        }
        return snapshotReference((SnapshotImage) image); // the interface is sealed: nothing else
    }

    /**
     * For a {@link SnapshotImage}: the committed image must be Berth's snapshot of the named
     * workload and belong to the spec's tenant. Other sources need no check of the image itself.
     */
    static void requireUsable(WorkloadSpec spec, InspectImageResponse image) {
        if (!(spec.image() instanceof SnapshotImage snapshot)) {
            return;
        }
        Map<String, String> labels = image.getConfig() == null || image.getConfig().getLabels() == null ? Map.of()
                : image.getConfig().getLabels();
        if (!ContainerSnapshots.isSnapshotOf(image, snapshot.workloadId())
                || !spec.tenant().equals(labels.get(WorkloadSpec.LABEL_TENANT))
                || !snapshot.tenant().equals(spec.tenant())) {
            throw refused(snapshot.display() + " is not a snapshot of tenant " + spec.tenant());
        }
    }

    private static String snapshotReference(SnapshotImage snapshot) {
        String expected = ContainerSnapshots.reference(snapshot.workloadId(),
                ContainerSnapshots.requireValidName(snapshot.snapshotName()));
        if (!expected.equals(snapshot.artefact())) {
            throw refused("snapshot artefact " + snapshot.artefact() + " is not the image of " + snapshot.display());
        }
        return expected;
    }

    private static RegistryImage parse(String artefact) {
        try {
            return RegistryImage.parse(artefact);
        } catch (IllegalArgumentException e) {
            throw refused("platform image artefact '" + artefact + "' is not an image reference: " + e.getMessage());
        }
    }

    private static String outsideBerth(RegistryImage image) {
        if (BerthNames.isInternal(image.name())) {
            throw refused("image " + image.reference() + " is in Berth's own namespace; only a snapshot of the "
                    + "same tenant may be run from there");
        }
        return image.reference();
    }

    private static ProviderException.Permanent refused(String message) {
        return new ProviderException.Permanent(message, null);
    }
}
