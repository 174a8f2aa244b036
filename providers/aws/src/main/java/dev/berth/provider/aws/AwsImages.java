package dev.berth.provider.aws;

import dev.berth.provider.spi.BerthNames;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ImageSource.PlatformImage;
import dev.berth.provider.spi.ImageSource.RegistryImage;
import dev.berth.provider.spi.ImageSource.SnapshotImage;
import dev.berth.provider.spi.ProviderException;

/**
 * What an AWS target makes of a resolved {@link ImageSource} (defence in depth: the broker
 * resolved it, the driver still refuses what it must not use). Fargate runs registry images:
 * a {@link RegistryImage}, or a {@link PlatformImage} whose artefact is a registry reference.
 * EC2 boots AMIs: a {@link PlatformImage} whose artefact is an OS family of the target's AMI
 * mapping or an AMI id, or a {@link SnapshotImage} whose artefact is the AMI this driver made
 * for that very snapshot ({@link SnapshottingAwsDriver} checks it). Nothing in Berth's own
 * namespaces ({@link BerthNames}) is ever used.
 */
final class AwsImages {

    private AwsImages() {
    }

    /** The image reference a Fargate task definition names. */
    static String containerReference(String target, ImageSource image) {
        RegistryImage registry;
        if (image instanceof RegistryImage r) {
            registry = r;
        } else if (image instanceof PlatformImage p) {
            try {
                registry = RegistryImage.parse(p.artefact());
            } catch (IllegalArgumentException e) {
                throw refused(target, "platform image artefact '" + p.artefact() + "' is not an image reference: "
                        + e.getMessage());
            }
        } else {
            throw refused(target, image.display() + ": Fargate containers have no snapshots to start from");
        }
        if (BerthNames.isInternal(registry.name())) {
            throw refused(target, "image " + registry.reference() + " is in Berth's own namespace");
        }
        return registry.reference();
    }

    /** What {@link AmiResolver#resolve} gets for a VM: an OS family of the AMI mapping or an AMI id. */
    static String vmImage(String target, ImageSource image) {
        if (image instanceof PlatformImage p) {
            if (BerthNames.isInternal(p.artefact())) {
                throw refused(target, "platform image artefact " + p.artefact() + " is in Berth's own namespace");
            }
            return p.artefact();
        }
        if (image instanceof SnapshotImage s) {
            if (!AmiResolver.AMI_ID.matcher(s.artefact()).matches()) {
                throw refused(target, s.display() + ": artefact " + s.artefact() + " is not an AMI id");
            }
            return s.artefact();
        }
        throw refused(target, "EC2 VMs boot platform images or snapshots, not registry image "
                + ((RegistryImage) image).reference());
    }

    private static ProviderException.Permanent refused(String target, String message) {
        return new ProviderException.Permanent(target + ": " + message, null);
    }
}
