package dev.berth.provider.aws.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The emulated EC2 image actions: DescribeImages (owners, filters), CreateImage (copies the
 * root volume's content; name unique per account), DeregisterImage (optionally with its
 * snapshots), and root volume replacement from an image (CreateReplaceRootVolumeTask,
 * DescribeReplaceRootVolumeTasks), which swaps the instance's root volume for a new one with
 * the image's content when the task succeeds.
 */
final class Ec2Images {

    static final String AMAZON_OWNER = "137112412989";
    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}");

    private final Account account;
    private final Ec2State ec2;
    private final Ec2Instances instances;

    Ec2Images(Account account, Ec2State ec2, Ec2Instances instances) {
        this.account = account;
        this.ec2 = ec2;
        this.instances = instances;
    }

    /** A base image anyone can launch, e.g. the OS family images tests map to. */
    void register(String imageId, String name, String architecture, int rootGiB) {
        Ec2Model.Image image = new Ec2Model.Image();
        image.id = imageId;
        image.name = name;
        image.ownerId = AMAZON_OWNER;
        image.state = "available";
        image.architecture = architecture;
        image.rootDevice = "/dev/xvda";
        image.rootSizeGiB = rootGiB;
        image.snapshotId = account.id("snap");
        image.creationDate = Account.now().toString();
        ec2.images.put(imageId, image);
    }

    String describe(QueryRequest q) {
        List<String> ids = q.list("ImageId");
        ids.forEach(ec2::image);
        List<String> owners = q.list("Owner").stream().map(o -> o.equals("self") ? account.accountId
                : o.equals("amazon") ? AMAZON_OWNER : o).toList();
        Xml x = instances.response("DescribeImagesResponse").open("imagesSet");
        for (Ec2Model.Image image : ec2.images.values()) {
            if (image.deregistered || (!ids.isEmpty() && !ids.contains(image.id))
                    || (!owners.isEmpty() && !owners.contains(image.ownerId))
                    || !Ec2Filters.matches(q, Set.of("name", "state", "image-id", "owner-id"), f -> field(image, f),
                    image.tags)) {
                continue;
            }
            x.open("item").el("imageId", image.id).el("imageLocation", image.ownerId + "/" + image.name)
                    .el("imageState", image.state).el("imageOwnerId", image.ownerId)
                    .el("creationDate", image.creationDate).el("isPublic", !image.ownerId.equals(account.accountId))
                    .el("architecture", image.architecture).el("imageType", "machine").el("name", image.name)
                    .el("description", image.description).el("rootDeviceType", "ebs")
                    .el("rootDeviceName", image.rootDevice).el("virtualizationType", "hvm");
            x.open("blockDeviceMapping").open("item").el("deviceName", image.rootDevice).open("ebs")
                    .el("snapshotId", image.snapshotId).el("volumeSize", image.rootSizeGiB)
                    .el("deleteOnTermination", true).el("volumeType", "gp3").close().close().close();
            if (image.state.equals("failed")) {
                x.open("stateReason").el("code", "Server.InternalError").el("message", "image creation failed").close();
            }
            x.tagSet("tagSet", image.tags).close();
        }
        return x.finish();
    }

    String create(QueryRequest q) {
        Ec2Model.Instance instance = ec2.instance(q.required("InstanceId"));
        if (!Set.of("running", "stopped").contains(instance.state)) {
            throw AwsError.badRequest("IncorrectInstanceState", "Instance '" + instance.id + "' is not in a state from "
                    + "which an image can be created.");
        }
        String name = q.required("Name");
        if (!IMAGE_NAME.matcher(name).matches()) {
            throw AwsError.badRequest("InvalidAMIName.Malformed", "AMI names must be between 3 and 128 characters long, "
                    + "and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'");
        }
        Optional<Ec2Model.Image> taken = ec2.images.values().stream()
                .filter(i -> !i.deregistered && i.ownerId.equals(account.accountId) && i.name.equals(name)).findFirst();
        if (taken.isPresent()) {
            throw AwsError.badRequest("InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI "
                    + taken.get().id);
        }
        Map<String, Map<String, String>> tags = Ec2Instances.tagSpecifications(q, Set.of("image", "snapshot"));
        Ec2Model.Image image = new Ec2Model.Image();
        image.id = account.id("ami");
        image.name = name;
        image.description = q.get("Description").orElse(null);
        image.ownerId = account.accountId;
        image.state = "pending";
        image.architecture = instance.architecture;
        image.rootDevice = instance.rootDevice;
        image.rootSizeGiB = instance.root.sizeGiB;
        image.snapshotId = account.id("snap");
        image.sourceInstanceId = instance.id;
        image.creationDate = Account.now().toString();
        image.files.putAll(instance.root.files); // the content at the moment of the call
        image.tags.putAll(tags.getOrDefault("image", Map.of()));
        ec2.images.put(image.id, image);
        account.timeline.after(3, () -> {
            if (image.state.equals("pending")) {
                image.state = "available";
            }
        });
        return instances.response("CreateImageResponse").el("imageId", image.id).finish();
    }

    String deregister(QueryRequest q) {
        String id = q.required("ImageId");
        Ec2Model.Image image = ec2.image(id);
        if (!image.ownerId.equals(account.accountId)) {
            throw new AwsError(403, "UnauthorizedOperation", "You do not own image " + id);
        }
        image.deregistered = true;
        Xml x = instances.response("DeregisterImageResponse").el("return", true);
        if (q.flag("DeleteAssociatedSnapshots")) {
            x.open("deleteSnapshotResultSet").open("item").el("snapshotId", image.snapshotId)
                    .el("returnCode", "success").close().close();
        }
        return x.finish();
    }

    String replaceRoot(QueryRequest q) {
        Optional<String> token = q.get("ClientToken");
        Optional<Ec2Model.ReplaceRootTask> replay = token.flatMap(t -> ec2.replaceTasks.values().stream()
                .filter(task -> t.equals(task.clientToken)).findFirst());
        if (replay.isPresent()) {
            return taskResponse("CreateReplaceRootVolumeTaskResponse", List.of(replay.get()), false);
        }
        Ec2Model.Instance instance = ec2.instance(q.required("InstanceId"));
        if (!instance.state.equals("running")) {
            throw AwsError.badRequest("IncorrectInstanceState", "The instance '" + instance.id + "' is not in a valid "
                    + "state for this operation. The instance must be running.");
        }
        Ec2Model.Image image = ec2.image(q.required("ImageId"));
        if (!image.state.equals("available")) {
            throw AwsError.badRequest("InvalidAMIID.Unavailable", "The image '" + image.id + "' is not available");
        }
        Ec2Model.ReplaceRootTask task = new Ec2Model.ReplaceRootTask();
        task.id = account.id("replacevol");
        task.instanceId = instance.id;
        task.imageId = image.id;
        task.clientToken = token.orElse(null);
        task.deleteReplaced = q.flag("DeleteReplacedRootVolume");
        task.startTime = Account.now().toString();
        ec2.replaceTasks.put(task.id, task);
        account.timeline.after(1, () -> task.state = "in-progress");
        account.timeline.after(3, () -> {
            Ec2Model.Volume old = instance.root;
            instance.root = instances.newVolume(image.rootSizeGiB, instance.zone, instance.id, image.files, old.tags);
            old.instanceId = null;
            old.state = "available";
            if (task.deleteReplaced) {
                ec2.volumes.remove(old.id);
            }
            task.state = "succeeded";
            task.completeTime = Account.now().toString();
        });
        return taskResponse("CreateReplaceRootVolumeTaskResponse", List.of(task), false);
    }

    String describeReplaceRoot(QueryRequest q) {
        List<String> ids = q.list("ReplaceRootVolumeTaskId");
        List<Ec2Model.ReplaceRootTask> tasks = ec2.replaceTasks.values().stream()
                .filter(t -> ids.isEmpty() || ids.contains(t.id))
                .filter(t -> Ec2Filters.matches(q, Set.of("instance-id"), f -> Optional.of(t.instanceId), Map.of()))
                .toList();
        return taskResponse("DescribeReplaceRootVolumeTasksResponse", tasks, true);
    }

    private String taskResponse(String name, List<Ec2Model.ReplaceRootTask> tasks, boolean many) {
        Xml x = instances.response(name);
        x.open(many ? "replaceRootVolumeTaskSet" : "replaceRootVolumeTask");
        for (Ec2Model.ReplaceRootTask t : tasks) {
            if (many) {
                x.open("item");
            }
            x.el("replaceRootVolumeTaskId", t.id).el("instanceId", t.instanceId).el("taskState", t.state)
                    .el("startTime", t.startTime).el("completeTime", t.completeTime).el("imageId", t.imageId)
                    .el("deleteReplacedRootVolume", t.deleteReplaced).tagSet("tagSet", new LinkedHashMap<>());
            if (many) {
                x.close();
            }
        }
        return x.finish();
    }

    private static Optional<String> field(Ec2Model.Image image, String name) {
        return Optional.ofNullable(switch (name) {
            case "name" -> image.name;
            case "state" -> image.state;
            case "image-id" -> image.id;
            default -> image.ownerId;
        });
    }
}
