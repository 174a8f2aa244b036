package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTask;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * VM snapshots as AMIs. A snapshot is an image made with {@code CreateImage} from the
 * workload's instance (without rebooting it: crash-consistent, no downtime), named
 * {@code berth-<workloadId>-<snapshotName>} and tagged {@code berth:tenant},
 * {@code berth:workload}, {@code berth:snapshot}. AMIs <b>outlive the instance</b>: deleting
 * the workload keeps them, so a deleted VM can be restored as a new workload from
 * {@link #restorableImage} (its AMI id is a valid VM image). Revert replaces the instance's
 * root volume from the AMI ({@code CreateReplaceRootVolumeTask}): same instance id, same
 * network identity, disk content of the snapshot.
 */
final class Ec2Images {

    /** Same rule as the other drivers: a name that cannot be read as anything else. */
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> LIVE = Set.of("pending", "available");
    private static final Set<String> GONE = Set.of("InvalidAMIID.NotFound", "InvalidAMIID.Unavailable");

    private final AwsOptions options;
    private final Ec2Client ec2;
    private final Ec2Vms vms;
    private final AwsErrors errors;
    private final Polling polling;

    Ec2Images(AwsOptions options, Ec2Client ec2, Ec2Vms vms, AwsErrors errors, Polling polling) {
        this.options = options;
        this.ec2 = ec2;
        this.vms = vms;
        this.errors = errors;
        this.polling = polling;
    }

    /** Idempotent by name; waits until the AMI is available (bounded by {@code imageTimeoutSeconds}). */
    ProviderSnapshot create(UUID workloadId, String snapshotName) {
        requireValidName(snapshotName);
        Optional<Image> existing = find(workloadId, snapshotName);
        if (existing.isPresent()) {
            return snapshot(awaitAvailable(existing.get().imageId()));
        }
        Instance instance = vms.require(workloadId, "snapshot");
        Map<String, String> instanceTags = Ec2Vms.tags(instance);
        List<Tag> tags = List.of(tag(AwsTags.TENANT, instanceTags.getOrDefault(AwsTags.TENANT, "")),
                tag(AwsTags.WORKLOAD, workloadId.toString()), tag(AwsTags.SNAPSHOT, snapshotName),
                tag(AwsTags.NAME, imageName(workloadId, snapshotName)));
        String imageId;
        try {
            imageId = ec2.createImage(r -> r.instanceId(instance.instanceId())
                    .name(imageName(workloadId, snapshotName))
                    .description("Berth snapshot " + snapshotName + " of " + instance.instanceId())
                    .noReboot(true)
                    .tagSpecifications(
                            TagSpecification.builder().resourceType(ResourceType.IMAGE).tags(tags).build(),
                            TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(tags).build()))
                    .imageId();
        } catch (AwsServiceException e) {
            if (!AwsErrors.code(e).equals("InvalidAMIName.Duplicate")) {
                throw errors.classify("create image of " + instance.instanceId(), e);
            }
            // A concurrent or earlier attempt made it: adopt that one.
            imageId = find(workloadId, snapshotName).orElseThrow(() -> errors.classify("create image of "
                    + instance.instanceId(), e)).imageId();
        } catch (RuntimeException e) {
            throw errors.classify("create image of " + instance.instanceId(), e);
        }
        return snapshot(awaitAvailable(imageId));
    }

    /** The workload's snapshot AMIs, oldest first; works after the workload is deleted (AMIs outlive it). */
    List<ProviderSnapshot> list(UUID workloadId) {
        return images(List.of(workloadFilter(workloadId), Filter.builder().name("tag-key").values(AwsTags.SNAPSHOT).build()))
                .stream()
                .filter(image -> LIVE.contains(image.stateAsString()))
                .map(this::snapshot)
                .sorted(Comparator.comparing(ProviderSnapshot::createdAt).thenComparing(ProviderSnapshot::name))
                .toList();
    }

    /**
     * Replaces the root volume of the workload's instance with one made from the AMI. The
     * instance must run for that (EC2's rule), so a stopped instance is started first and
     * stopped again afterwards: the workload keeps its run state.
     */
    void revert(UUID workloadId, String snapshotName) {
        requireValidName(snapshotName);
        Instance instance = vms.require(workloadId, "revert");
        Image image = find(workloadId, snapshotName).orElseThrow(() -> new ProviderException.NotFound(options.target()
                + ": " + WorkloadSpec.providerName(workloadId) + " has no snapshot " + snapshotName, null));
        awaitAvailable(image.imageId());
        String state = instance.state().nameAsString();
        if (state.equals("pending")) {
            instance = vms.awaitState(instance, "running");
        } else if (state.equals("stopping")) {
            instance = vms.awaitState(instance, "stopped");
        }
        boolean wasStopped = instance.state().nameAsString().equals("stopped");
        if (wasStopped) {
            instance = vms.awaitState(vms.ensureRunning(instance), "running");
        }
        replaceRootVolume(instance.instanceId(), image.imageId());
        if (wasStopped) {
            vms.stop(workloadId);
            vms.awaitState(instance, "stopped");
        }
    }

    /** Deregisters the AMI and deletes its EBS snapshots; what is gone is success. */
    void delete(UUID workloadId, String snapshotName) {
        requireValidName(snapshotName);
        Optional<Image> image = find(workloadId, snapshotName);
        if (image.isEmpty()) {
            return;
        }
        String imageId = image.get().imageId();
        try {
            ec2.deregisterImage(r -> r.imageId(imageId).deleteAssociatedSnapshots(true));
        } catch (AwsServiceException e) {
            if (!GONE.contains(AwsErrors.code(e))) {
                throw errors.classify("deregister " + imageId, e);
            }
        } catch (RuntimeException e) {
            throw errors.classify("deregister " + imageId, e);
        }
    }

    /** The AMI id of an available snapshot, whether or not the workload still exists. */
    Optional<String> restorableImage(UUID workloadId, String snapshotName) {
        requireValidName(snapshotName);
        return find(workloadId, snapshotName).filter(image -> "available".equals(image.stateAsString()))
                .map(Image::imageId);
    }

    // ---------------------------------------------------------------- steps

    private void replaceRootVolume(String instanceId, String imageId) {
        String taskId;
        try {
            // A fresh token per revert: reverting twice to one snapshot must replace twice.
            taskId = ec2.createReplaceRootVolumeTask(r -> r.instanceId(instanceId).imageId(imageId)
                    .deleteReplacedRootVolume(true).clientToken(UUID.randomUUID().toString()))
                    .replaceRootVolumeTask().replaceRootVolumeTaskId();
        } catch (RuntimeException e) {
            throw errors.classify("replace root volume of " + instanceId + " from " + imageId, e);
        }
        ReplaceRootVolumeTask task = polling.until(options.waits().imageTimeout(), () -> replaceTask(taskId)
                        .filter(t -> !Set.of("pending", "in-progress").contains(t.taskStateAsString())))
                .orElseThrow(() -> new ProviderException.Transient(options.target() + ": replacing the root volume of "
                        + instanceId + " (" + taskId + ") did not finish within "
                        + options.waits().imageTimeout().toSeconds() + " s", null));
        if (!task.taskStateAsString().equals("succeeded")) {
            throw new ProviderException.Transient(options.target() + ": replacing the root volume of " + instanceId
                    + " from " + imageId + " ended " + task.taskStateAsString(), null);
        }
    }

    private Optional<ReplaceRootVolumeTask> replaceTask(String taskId) {
        try {
            return ec2.describeReplaceRootVolumeTasks(r -> r.replaceRootVolumeTaskIds(taskId))
                    .replaceRootVolumeTasks().stream().findFirst();
        } catch (RuntimeException e) {
            throw errors.classify("describe replace root volume task " + taskId, e);
        }
    }

    private Image awaitAvailable(String imageId) {
        Image image = polling.until(options.waits().imageTimeout(), () -> images(imageId)
                        .filter(i -> !"pending".equals(i.stateAsString())))
                .orElseThrow(() -> new ProviderException.Transient(options.target() + ": image " + imageId
                        + " is not available after " + options.waits().imageTimeout().toSeconds() + " s", null));
        if (!"available".equals(image.stateAsString())) {
            String why = image.stateReason() == null ? "" : ": " + image.stateReason().message();
            throw new ProviderException.Permanent(options.target() + ": image " + imageId + " is "
                    + image.stateAsString() + why, null);
        }
        return image;
    }

    private Optional<Image> find(UUID workloadId, String snapshotName) {
        return images(List.of(workloadFilter(workloadId),
                Filter.builder().name("tag:" + AwsTags.SNAPSHOT).values(snapshotName).build())).stream()
                .filter(image -> LIVE.contains(image.stateAsString()))
                .findFirst();
    }

    private List<Image> images(List<Filter> filters) {
        try {
            return ec2.describeImagesPaginator(r -> r.owners("self").filters(filters)).images().stream().toList();
        } catch (RuntimeException e) {
            throw errors.classify("describe images", e);
        }
    }

    private Optional<Image> images(String imageId) {
        try {
            return ec2.describeImages(r -> r.imageIds(imageId)).images().stream().findFirst();
        } catch (AwsServiceException e) {
            if (GONE.contains(AwsErrors.code(e))) {
                return Optional.empty();
            }
            throw errors.classify("describe image " + imageId, e);
        } catch (RuntimeException e) {
            throw errors.classify("describe image " + imageId, e);
        }
    }

    private ProviderSnapshot snapshot(Image image) {
        Map<String, String> tags = image.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value,
                (a, b) -> b));
        return new ProviderSnapshot(tags.getOrDefault(AwsTags.SNAPSHOT, image.name()), Instant.parse(image.creationDate()),
                image.imageId() + " (" + image.name() + ")");
    }

    static void requireValidName(String snapshotName) {
        if (snapshotName == null || !SNAPSHOT_NAME.matcher(snapshotName).matches()) {
            throw new ProviderException.Permanent("snapshot name '" + snapshotName + "' must match "
                    + SNAPSHOT_NAME.pattern(), null);
        }
    }

    private static String imageName(UUID workloadId, String snapshotName) {
        return WorkloadSpec.providerName(workloadId) + "-" + snapshotName;
    }

    private static Filter workloadFilter(UUID workloadId) {
        return Filter.builder().name("tag:" + AwsTags.WORKLOAD).values(workloadId.toString()).build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
