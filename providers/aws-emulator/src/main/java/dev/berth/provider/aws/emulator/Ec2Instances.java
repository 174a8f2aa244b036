package dev.berth.provider.aws.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emulated EC2 instance actions: RunInstances (client tokens, capacity and vCPU-limit
 * faults, AMI/type checks, tags, user data, root volume), DescribeInstances, Start, Stop,
 * Reboot, TerminateInstances, DescribeVolumes, DescribeAvailabilityZones. Instances move
 * pending → running, stopping → stopped, shutting-down → terminated one timeline step later.
 */
final class Ec2Instances {

    private static final Set<String> INSTANCE_FILTERS = Set.of("instance-state-name", "instance-id", "client-token",
            "image-id", "subnet-id", "instance-type", "availability-zone");

    private final Account account;
    private final Ec2State ec2;

    Ec2Instances(Account account, Ec2State ec2) {
        this.account = account;
        this.ec2 = ec2;
    }

    String run(QueryRequest q) {
        int min = Integer.parseInt(q.required("MinCount"));
        int max = Integer.parseInt(q.required("MaxCount"));
        if (min < 1 || max < min) {
            throw AwsError.badRequest("InvalidParameterValue", "MinCount and MaxCount must be 1 or more, MinCount <= MaxCount");
        }
        Ec2Model.Image image = ec2.image(q.required("ImageId"));
        String typeName = q.required("InstanceType");
        InstanceTypes.Type type = InstanceTypes.find(typeName).orElseThrow(() -> AwsError.badRequest(
                "InvalidParameterValue", "Invalid value '" + typeName + "' for InstanceType."));
        String subnet = q.get("SubnetId").orElse(null);
        String fingerprint = image.id + "|" + typeName + "|" + subnet + "|" + max;
        Optional<String> token = q.get("ClientToken");
        if (token.isPresent() && ec2.runTokens.containsKey(token.get())) {
            List<Ec2Model.Instance> earlier = ec2.runTokens.get(token.get()).stream().map(ec2.instances::get).toList();
            if (!earlier.get(0).fingerprint.equals(fingerprint)) {
                throw AwsError.badRequest("IdempotentParameterMismatch", "The client token you have provided is "
                        + "associated with a resource that is already deleted or has different parameters.");
            }
            return reservation(earlier); // the same reservation again: what makes RunInstances idempotent
        }
        if (!type.architecture().equals(image.architecture)) {
            throw AwsError.badRequest("InvalidParameterValue", "The architecture '" + type.architecture() + "' of the "
                    + "specified instance type does not match the architecture '" + image.architecture
                    + "' of the specified AMI.");
        }
        String zone = subnet == null ? account.zone(0) : account.zone(subnet.hashCode());
        if (account.faults.lacksCapacity(typeName)) {
            throw new AwsError(500, "InsufficientInstanceCapacity", "We currently do not have sufficient " + typeName
                    + " capacity in the Availability Zone you requested (" + zone + "). Our system will be working on "
                    + "provisioning additional capacity. You can currently get " + typeName + " capacity by not "
                    + "specifying an Availability Zone in your request or choosing a different one.");
        }
        Optional<Integer> limit = account.faults.vcpuLimit();
        if (limit.isPresent()) {
            int used = ec2.instances.values().stream().filter(i -> !Set.of("terminated", "shutting-down").contains(i.state))
                    .mapToInt(i -> InstanceTypes.find(i.type).map(InstanceTypes.Type::vcpu).orElse(0)).sum();
            if (used + type.vcpu() * max > limit.get()) {
                throw AwsError.badRequest("VcpuLimitExceeded", "You have requested more vCPU capacity than your current "
                        + "vCPU limit of " + limit.get() + " allows for the instance bucket that the specified instance "
                        + "type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an "
                        + "adjustment to this limit.");
            }
        }
        String userData = userData(q.get("UserData"));
        int rootSize = rootSize(q, image);
        Map<String, Map<String, String>> tagsByType = tagSpecifications(q, Set.of("instance", "volume"));
        String reservationId = account.id("r");
        List<Ec2Model.Instance> made = new ArrayList<>();
        for (int n = 0; n < max; n++) {
            Ec2Model.Instance i = new Ec2Model.Instance();
            i.id = account.id("i");
            i.reservationId = reservationId;
            i.type = typeName;
            i.imageId = image.id;
            i.architecture = image.architecture;
            i.state = "pending";
            i.subnetId = subnet;
            i.zone = zone;
            i.clientToken = token.orElse(null);
            i.fingerprint = fingerprint;
            i.userData = userData;
            i.keyName = q.get("KeyName").orElse(null);
            i.instanceProfile = q.get("IamInstanceProfile.Name").or(() -> q.get("IamInstanceProfile.Arn")).orElse(null);
            i.securityGroups = q.list("SecurityGroupId");
            i.tags.putAll(tagsByType.getOrDefault("instance", Map.of()));
            i.rootDevice = image.rootDevice;
            i.launchTime = Account.now();
            i.root = newVolume(rootSize, zone, i.id, image.files, tagsByType.getOrDefault("volume", Map.of()));
            ec2.instances.put(i.id, i);
            made.add(i);
            account.timeline.after(2, () -> moveIf(i, "pending", "running"));
        }
        token.ifPresent(t -> ec2.runTokens.put(t, made.stream().map(i -> i.id).toList()));
        return reservation(made);
    }

    String describe(QueryRequest q) {
        List<String> ids = q.list("InstanceId");
        ids.forEach(ec2::instance); // unknown ids fail the whole call, as in EC2
        Xml x = response("DescribeInstancesResponse").open("reservationSet");
        Map<String, List<Ec2Model.Instance>> byReservation = new LinkedHashMap<>();
        for (Ec2Model.Instance i : ec2.instances.values()) {
            if ((ids.isEmpty() || ids.contains(i.id)) && Ec2Filters.matches(q, INSTANCE_FILTERS, f -> field(i, f), i.tags)) {
                byReservation.computeIfAbsent(i.reservationId, r -> new ArrayList<>()).add(i);
            }
        }
        byReservation.forEach((reservation, instances) -> {
            x.open("item").el("reservationId", reservation).el("ownerId", account.accountId).open("groupSet").close();
            x.open("instancesSet");
            instances.forEach(i -> instance(x, i));
            x.close().close();
        });
        return x.finish();
    }

    String start(QueryRequest q) {
        return change(q, "StartInstancesResponse", i -> {
            switch (i.state) {
                case "stopped" -> {
                    i.state = "pending";
                    i.stateReason = null;
                    account.timeline.after(2, () -> moveIf(i, "pending", "running"));
                }
                case "pending", "running" -> { }
                default -> throw AwsError.badRequest("IncorrectInstanceState", "The instance '" + i.id
                        + "' is not in a state from which it can be started.");
            }
        });
    }

    String stop(QueryRequest q) {
        return change(q, "StopInstancesResponse", i -> {
            switch (i.state) {
                case "running" -> {
                    i.state = "stopping";
                    i.stateReason = "Client.UserInitiatedShutdown: User initiated shutdown";
                    account.timeline.after(2, () -> moveIf(i, "stopping", "stopped"));
                }
                case "stopping", "stopped" -> { }
                default -> throw AwsError.badRequest("IncorrectInstanceState", "The instance '" + i.id
                        + "' is not in a state from which it can be stopped.");
            }
        });
    }

    String reboot(QueryRequest q) {
        for (String id : q.list("InstanceId")) {
            Ec2Model.Instance i = ec2.instance(id);
            if (!i.state.equals("running")) {
                throw AwsError.badRequest("IncorrectInstanceState", "The instance '" + id + "' is not in a state from "
                        + "which it can be rebooted.");
            }
        }
        return response("RebootInstancesResponse").el("return", true).finish();
    }

    String terminate(QueryRequest q) {
        return change(q, "TerminateInstancesResponse", i -> {
            if (!Set.of("shutting-down", "terminated").contains(i.state)) {
                i.state = "shutting-down";
                i.stateReason = "Client.UserInitiatedShutdown: User initiated shutdown";
                account.timeline.after(2, () -> {
                    i.state = "terminated";
                    if (i.root != null && i.root.deleteOnTermination) {
                        ec2.volumes.remove(i.root.id);
                    }
                });
            }
        });
    }

    String describeVolumes(QueryRequest q) {
        List<String> ids = q.list("VolumeId");
        for (String id : ids) {
            if (!ec2.volumes.containsKey(id)) {
                throw AwsError.badRequest("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
            }
        }
        Xml x = response("DescribeVolumesResponse").open("volumeSet");
        for (Ec2Model.Volume v : ec2.volumes.values()) {
            if ((ids.isEmpty() || ids.contains(v.id)) && Ec2Filters.matches(q, Set.of("attachment.instance-id", "volume-id"),
                    f -> Optional.ofNullable(f.equals("volume-id") ? v.id : v.instanceId), v.tags)) {
                x.open("item").el("volumeId", v.id).el("size", v.sizeGiB).el("availabilityZone", v.zone)
                        .el("status", v.state).el("createTime", v.created).el("volumeType", "gp3");
                x.open("attachmentSet");
                if (v.instanceId != null) {
                    x.open("item").el("volumeId", v.id).el("instanceId", v.instanceId)
                            .el("device", ec2.instances.get(v.instanceId).rootDevice).el("status", "attached")
                            .el("attachTime", v.created).el("deleteOnTermination", v.deleteOnTermination).close();
                }
                x.close().tagSet("tagSet", v.tags).close();
            }
        }
        return x.finish();
    }

    String describeZones() {
        Xml x = response("DescribeAvailabilityZonesResponse").open("availabilityZoneInfo");
        for (int n = 0; n < 3; n++) {
            x.open("item").el("zoneName", account.zone(n)).el("zoneState", "available").el("regionName", account.region)
                    .el("zoneId", account.region.replace("-", "").substring(0, 4) + "-az" + (n + 1))
                    .el("zoneType", "availability-zone").open("messageSet").close().close();
        }
        return x.finish();
    }

    // ---------------------------------------------------------------- helpers

    Ec2Model.Volume newVolume(int sizeGiB, String zone, String instanceId, Map<String, String> files,
                              Map<String, String> tags) {
        Ec2Model.Volume v = new Ec2Model.Volume();
        v.id = account.id("vol");
        v.sizeGiB = sizeGiB;
        v.zone = zone;
        v.instanceId = instanceId;
        v.created = Account.now();
        v.files.putAll(files);
        v.tags.putAll(tags);
        ec2.volumes.put(v.id, v);
        return v;
    }

    private static void moveIf(Ec2Model.Instance i, String from, String to) {
        if (i.state.equals(from)) {
            i.state = to;
        }
    }

    private String change(QueryRequest q, String responseName, java.util.function.Consumer<Ec2Model.Instance> change) {
        List<Ec2Model.Instance> targets = q.list("InstanceId").stream().map(ec2::instance).toList();
        if (targets.isEmpty()) {
            throw AwsError.badRequest("MissingParameter", "The request must contain the parameter InstanceId");
        }
        Xml x = response(responseName).open("instancesSet");
        for (Ec2Model.Instance i : targets) {
            int previousCode = i.stateCode();
            String previous = i.state;
            change.accept(i);
            x.open("item").el("instanceId", i.id)
                    .open("currentState").el("code", i.stateCode()).el("name", i.state).close()
                    .open("previousState").el("code", previousCode).el("name", previous).close().close();
        }
        return x.finish();
    }

    private String reservation(List<Ec2Model.Instance> instances) {
        Xml x = response("RunInstancesResponse").el("reservationId", instances.get(0).reservationId)
                .el("ownerId", account.accountId).open("groupSet").close().open("instancesSet");
        instances.forEach(i -> instance(x, i));
        return x.finish();
    }

    private void instance(Xml x, Ec2Model.Instance i) {
        x.open("item").el("instanceId", i.id).el("imageId", i.imageId)
                .open("instanceState").el("code", i.stateCode()).el("name", i.state).close()
                .el("privateDnsName", "ip-10-0-0-1." + account.region + ".compute.internal")
                .el("reason", i.stateReason == null ? "" : i.stateReason)
                .el("keyName", i.keyName).el("amiLaunchIndex", 0).el("instanceType", i.type)
                .el("launchTime", i.launchTime)
                .open("placement").el("availabilityZone", i.zone).el("tenancy", "default").close()
                .el("subnetId", i.subnetId).el("architecture", i.architecture)
                .el("rootDeviceType", "ebs").el("rootDeviceName", i.rootDevice)
                .el("clientToken", i.clientToken);
        x.open("blockDeviceMapping");
        if (i.root != null && ec2.volumes.containsKey(i.root.id)) {
            x.open("item").el("deviceName", i.rootDevice).open("ebs").el("volumeId", i.root.id).el("status", "attached")
                    .el("attachTime", i.root.created).el("deleteOnTermination", i.root.deleteOnTermination).close().close();
        }
        x.close();
        x.open("groupSet");
        i.securityGroups.forEach(sg -> x.open("item").el("groupId", sg).el("groupName", sg).close());
        x.close();
        if (i.instanceProfile != null) {
            x.open("iamInstanceProfile").el("arn", i.instanceProfile.startsWith("arn:") ? i.instanceProfile
                    : "arn:aws:iam::" + account.accountId + ":instance-profile/" + i.instanceProfile).close();
        }
        if (i.stateReason != null) {
            int colon = i.stateReason.indexOf(':');
            x.open("stateReason").el("code", i.stateReason.substring(0, colon))
                    .el("message", i.stateReason.substring(colon + 2)).close();
        }
        x.tagSet("tagSet", i.tags).close();
    }

    private Optional<String> field(Ec2Model.Instance i, String name) {
        return Optional.ofNullable(switch (name) {
            case "instance-state-name" -> i.state;
            case "instance-id" -> i.id;
            case "client-token" -> i.clientToken;
            case "image-id" -> i.imageId;
            case "subnet-id" -> i.subnetId;
            case "instance-type" -> i.type;
            default -> i.zone;
        });
    }

    private static String userData(Optional<String> encoded) {
        if (encoded.isEmpty()) {
            return "";
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded.get());
        } catch (IllegalArgumentException e) {
            throw AwsError.badRequest("InvalidParameterValue", "Invalid BASE64 encoding of user data.");
        }
        if (decoded.length > 16384) {
            throw AwsError.badRequest("InvalidParameterValue", "User data is limited to 16384 bytes");
        }
        return new String(decoded, StandardCharsets.UTF_8);
    }

    /** The root volume size: the image's, or a BlockDeviceMapping for the root device that may only grow it. */
    private static int rootSize(QueryRequest q, Ec2Model.Image image) {
        int size = image.rootSizeGiB;
        for (QueryRequest mapping : q.structs("BlockDeviceMapping")) {
            if (!image.rootDevice.equals(mapping.required("DeviceName"))) {
                throw AwsError.badRequest("InvalidBlockDeviceMapping", "The emulator only supports a mapping of the root "
                        + "device " + image.rootDevice);
            }
            Optional<String> wanted = mapping.get("Ebs.VolumeSize");
            if (wanted.isPresent()) {
                int gib = Integer.parseInt(wanted.get());
                if (gib < image.rootSizeGiB) {
                    throw AwsError.badRequest("InvalidBlockDeviceMapping", "Volume of size " + gib + "GB is smaller "
                            + "than snapshot '" + image.snapshotId + "', expect size >= " + image.rootSizeGiB + "GB");
                }
                size = gib;
            }
        }
        return size;
    }

    /** TagSpecification.N → resource type → tags; a type the action cannot tag is refused. */
    static Map<String, Map<String, String>> tagSpecifications(QueryRequest q, Set<String> allowed) {
        Map<String, Map<String, String>> byType = new LinkedHashMap<>();
        for (QueryRequest spec : q.structs("TagSpecification")) {
            String type = spec.required("ResourceType");
            if (!allowed.contains(type)) {
                throw AwsError.badRequest("InvalidParameterValue", "'" + type + "' is not a valid taggable resource "
                        + "type for this operation.");
            }
            Map<String, String> tags = byType.computeIfAbsent(type, t -> new LinkedHashMap<>());
            for (QueryRequest tag : spec.structs("Tag")) {
                String key = tag.required("Key");
                if (key.startsWith("aws:")) {
                    throw AwsError.badRequest("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved.");
                }
                tags.put(key, tag.get("Value").orElse(""));
            }
            if (tags.size() > 50) {
                throw AwsError.badRequest("TagLimitExceeded", "The maximum number of tags per resource is 50");
            }
        }
        return byType;
    }

    Xml response(String name) {
        return new Xml(name, Ec2State.NAMESPACE).el("requestId", java.util.UUID.randomUUID());
    }
}
