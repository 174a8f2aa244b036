package dev.berth.provider.spi;

import java.util.List;
import java.util.UUID;

/**
 * Optional capability of a {@link ProviderDriver}: point-in-time snapshots of a workload and
 * restoring it in place. VM drivers use hypervisor snapshots; container drivers commit the
 * container's filesystem to an image. Contract (checked by the providers/tck suite for
 * drivers that implement it):
 * <ul>
 *   <li>{@link #createSnapshot} is idempotent by name: creating an existing name returns it;</li>
 *   <li>{@link #revertToSnapshot} of an unknown workload or snapshot throws
 *       {@link ProviderException.NotFound}; the workload keeps its identity (same id, name
 *       and labels) and afterwards runs from the snapshot's content;</li>
 *   <li>{@link #deleteSnapshot} of what is gone succeeds;</li>
 *   <li>{@link ProviderDriver#delete} removes the workload's snapshots too, unless the driver
 *       documents that they outlive it (container images do).</li>
 * </ul>
 */
public interface SnapshotCapable {

    ProviderSnapshot createSnapshot(UUID workloadId, String snapshotName);

    List<ProviderSnapshot> listSnapshots(UUID workloadId);

    void revertToSnapshot(UUID workloadId, String snapshotName);

    void deleteSnapshot(UUID workloadId, String snapshotName);

    /**
     * The image a NEW workload can be created from to restore this snapshot, when the
     * provider keeps a copy that outlives the workload (the Docker driver's committed image,
     * the libvirt driver's backup volume). Works after the workload is deleted; empty when the
     * snapshot lives and dies with its workload.
     */
    default java.util.Optional<String> restorableImage(UUID workloadId, String snapshotName) {
        return java.util.Optional.empty();
    }
}
