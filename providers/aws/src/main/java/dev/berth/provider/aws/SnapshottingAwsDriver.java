package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.WorkloadKind;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The AWS driver of a target that runs VMs: snapshots are AMIs ({@link Ec2Images}). A target
 * configured for containers only gets a plain {@link AwsDriver}, since Fargate tasks have no
 * disk to snapshot; on a mixed target, snapshot calls for a container workload are Permanent.
 * Snapshots outlive the workload (AMIs stay when the instance is terminated), so
 * {@link #listSnapshots} and {@link #restorableImage} work after {@code delete}.
 */
public final class SnapshottingAwsDriver extends AwsDriver implements SnapshotCapable {

    private final Ec2Images images;

    SnapshottingAwsDriver(AwsOptions options, AwsClients clients) {
        super(options, clients);
        this.images = new Ec2Images(options, clients.ec2, vms, new AwsErrors(options.target()),
                new Polling(options.waits().pollInterval()));
    }

    /**
     * A VM restored from a snapshot boots the AMI this driver made for that very snapshot
     * (found again by its workload and name tags), whatever AMI id the spec carries.
     */
    @Override
    public dev.berth.provider.spi.ActualState provision(dev.berth.provider.spi.WorkloadSpec spec) {
        if (spec.image() instanceof dev.berth.provider.spi.ImageSource.SnapshotImage s
                && !images.restorableImage(s.workloadId(), s.snapshotName()).equals(Optional.of(s.artefact()))) {
            throw new ProviderException.Permanent(options.target() + ": " + s.display() + " is not AMI "
                    + s.artefact(), null);
        }
        return super.provision(spec);
    }

    @Override
    public ProviderSnapshot createSnapshot(UUID workloadId, String snapshotName) {
        Ec2Images.requireValidName(snapshotName);
        return locks.with(workloadId, () -> {
            requireVm(workloadId, "snapshot");
            return images.create(workloadId, snapshotName);
        });
    }

    @Override
    public List<ProviderSnapshot> listSnapshots(UUID workloadId) {
        return images.list(workloadId);
    }

    @Override
    public void revertToSnapshot(UUID workloadId, String snapshotName) {
        Ec2Images.requireValidName(snapshotName);
        locks.with(workloadId, () -> {
            requireVm(workloadId, "revert");
            images.revert(workloadId, snapshotName);
        });
    }

    @Override
    public void deleteSnapshot(UUID workloadId, String snapshotName) {
        locks.with(workloadId, () -> images.delete(workloadId, snapshotName));
    }

    /** The snapshot's AMI id: provisioning a new VM workload with it as image restores the snapshot. */
    @Override
    public Optional<String> restorableImage(UUID workloadId, String snapshotName) {
        return images.restorableImage(workloadId, snapshotName);
    }

    private void requireVm(UUID workloadId, String action) {
        if (kindOf(workloadId, action) != WorkloadKind.VM) {
            throw new ProviderException.Permanent(options.target() + ": " + action + ": workload " + workloadId
                    + " is a Fargate container; ECS tasks have no snapshots", null);
        }
    }
}
