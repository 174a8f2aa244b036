package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ImageSource.PlatformImage;
import dev.berth.provider.spi.ImageSource.RegistryImage;
import dev.berth.provider.spi.ImageSource.SnapshotImage;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which volume of the pool a VM's disk may be cloned from (defence in depth: the broker
 * resolved the image, the driver still refuses what it must not clone). Only two kinds of
 * volume qualify: a registered base image ({@link PlatformImage}; its volume never starts
 * with {@code berth-}, the prefix of every volume Berth makes — workload disks, cloud-init
 * seeds, backups), and the backup volume this driver made for the named snapshot
 * ({@link SnapshotImage}, its name derived here again from workload and snapshot). Never a
 * registry image, never another workload's disk or seed.
 */
final class BaseImages {

    private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    private static final String BERTH_PREFIX = "berth-";

    private BaseImages() {
    }

    /** The volume to clone for {@code spec}; Permanent for anything else. */
    static String volume(WorkloadSpec spec, String uri) {
        ImageSource image = spec.image();
        if (image instanceof PlatformImage platform) {
            String volume = platform.artefact();
            if (!VOLUME.matcher(volume).matches() || volume.toLowerCase(Locale.ROOT).startsWith(BERTH_PREFIX)) {
                throw refused(uri, "platform image " + platform.name() + " names volume '" + volume
                        + "', which is not a base image (volumes named berth-* are workload disks, seeds and backups)");
            }
            return volume;
        }
        if (image instanceof SnapshotImage snapshot) {
            DomainSnapshots.requireValidName(snapshot.snapshotName());
            String backup = WorkloadVolumes.backupName(WorkloadSpec.providerName(snapshot.workloadId()),
                    snapshot.snapshotName());
            if (!backup.equals(snapshot.artefact()) || !snapshot.tenant().equals(spec.tenant())) {
                throw refused(uri, snapshot.display() + " is not backup volume " + snapshot.artefact());
            }
            return backup;
        }
        throw refused(uri, "VMs boot registered base images or snapshots, not registry image "
                + ((RegistryImage) image).reference());
    }

    /** Whether the test driver may create this (empty) base image on first use: only platform images. */
    static boolean seedable(WorkloadSpec spec) {
        return spec.image() instanceof PlatformImage;
    }

    private static ProviderException.Permanent refused(String uri, String message) {
        return new ProviderException.Permanent("libvirt " + uri + ": " + message, null);
    }
}
