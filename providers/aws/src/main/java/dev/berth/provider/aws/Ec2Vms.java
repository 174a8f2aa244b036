package dev.berth.provider.aws;

import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * VM workloads as EC2 instances. The tag {@code berth:workload} finds a workload's instance;
 * {@code RunInstances} carries a client token derived from the workload UUID, so a request
 * repeated after a lost response returns the instance it already created instead of a second
 * one. Instances in {@code shutting-down} or {@code terminated} are gone as far as Berth is
 * concerned (EC2 keeps showing them for about an hour).
 */
final class Ec2Vms {

    /** States of an instance that still is the workload. */
    private static final List<String> LIVE = List.of("pending", "running", "stopping", "stopped");
    /** Which of several instances of one workload (a rare leftover) describes it: the liveliest. */
    private static final List<String> PREFERENCE = List.of("running", "pending", "stopping", "stopped");

    private final AwsOptions options;
    private final Ec2Client ec2;
    private final AmiResolver amis;
    private final AwsErrors errors;
    private final Polling polling;
    private final Ec2Launcher launcher;

    Ec2Vms(AwsOptions options, Ec2Client ec2, AmiResolver amis, AwsErrors errors, Polling polling) {
        this.options = options;
        this.ec2 = ec2;
        this.amis = amis;
        this.errors = errors;
        this.polling = polling;
        this.launcher = new Ec2Launcher(options, ec2, errors);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Adopts the workload's instance if it exists (starting it if stopped), otherwise launches one. */
    ActualState provision(WorkloadSpec spec) {
        Optional<Instance> existing = find(spec.workloadId());
        if (existing.isPresent()) {
            return state(ensureRunning(existing.get()), false);
        }
        String wanted = AwsImages.vmImage(options.target(), spec.image());
        String amiId = amis.resolve(wanted);
        Image image = image(amiId, wanted);
        List<PriceCatalogue.InstanceType> types = options.prices().fitting(spec.resources(), image.architectureAsString());
        if (types.isEmpty()) {
            throw new ProviderException.Permanent(options.target() + ": no instance type of the price catalogue fits "
                    + describe(spec.resources()) + " on " + image.architectureAsString() + " (image " + spec.image().display()
                    + ")", null);
        }
        long rootGiB = rootVolumeGiB(image);
        if (spec.resources().diskGiB() > 0 && spec.resources().diskGiB() < rootGiB) {
            throw new ProviderException.Permanent(options.target() + ": disk " + spec.resources().diskGiB()
                    + " GiB is smaller than the " + rootGiB + " GiB root volume of image " + spec.image().display() + " ("
                    + amiId + ")", null);
        }
        return state(launcher.launch(spec, image, types), false);
    }

    void start(UUID workloadId) {
        ensureRunning(require(workloadId, "start"));
    }

    /** EC2 shuts the OS down gracefully and forces it off after its own timeout; {@code grace} is not used. */
    void stop(UUID workloadId) {
        Instance instance = require(workloadId, "stop");
        String state = instance.state().nameAsString();
        if (state.equals("pending")) {
            instance = awaitState(instance, "running");
            state = instance.state().nameAsString();
        }
        if (state.equals("running")) {
            String id = instance.instanceId();
            call("stop " + id, () -> ec2.stopInstances(r -> r.instanceIds(id)));
        }
    }

    /** A running instance reboots (same instance, same disks); a stopped one is started. */
    void restart(UUID workloadId) {
        Instance instance = require(workloadId, "restart");
        if (instance.state().nameAsString().equals("running")) {
            String id = instance.instanceId();
            call("reboot " + id, () -> ec2.rebootInstances(r -> r.instanceIds(id)));
        } else {
            ensureRunning(instance);
        }
    }

    /** Terminates every instance of the workload; its root volume goes with it (DeleteOnTermination). */
    void delete(UUID workloadId) {
        List<String> ids = instances(List.of(workloadFilter(workloadId), stateFilter(LIVE))).stream()
                .map(Instance::instanceId).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            ec2.terminateInstances(r -> r.instanceIds(ids));
        } catch (AwsServiceException e) {
            if (!AwsErrors.code(e).equals("InvalidInstanceID.NotFound")) {
                throw errors.classify("terminate " + ids, e);
            }
        } catch (RuntimeException e) {
            throw errors.classify("terminate " + ids, e);
        }
    }

    Optional<ActualState> describe(UUID workloadId) {
        return find(workloadId).map(instance -> state(instance, true));
    }

    List<ActualState> list() {
        return instances(List.of(Filter.builder().name("tag-key").values(AwsTags.WORKLOAD).build(), stateFilter(LIVE)))
                .stream()
                .filter(instance -> AwsTags.workloadId(tags(instance)).isPresent())
                .map(instance -> state(instance, false))
                .toList();
    }

    // ---------------------------------------------------------------- reads shared with snapshots

    /** The workload's live instance, if any. */
    Optional<Instance> find(UUID workloadId) {
        return instances(List.of(workloadFilter(workloadId), stateFilter(LIVE))).stream()
                .min(Comparator.comparingInt((Instance i) -> PREFERENCE.indexOf(i.state().nameAsString()))
                        .thenComparing(Instance::launchTime, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    Instance require(UUID workloadId, String action) {
        return find(workloadId).orElseThrow(() -> new ProviderException.NotFound(options.target() + ": " + action + " "
                + WorkloadSpec.providerName(workloadId) + ": no instance tagged " + AwsTags.WORKLOAD + "=" + workloadId,
                null));
    }

    /** Starts a stopped instance (waiting out a stop in progress); a running or pending one is left alone. */
    Instance ensureRunning(Instance instance) {
        String state = instance.state().nameAsString();
        if (state.equals("stopping")) {
            instance = awaitState(instance, "stopped");
            state = instance.state().nameAsString();
        }
        if (state.equals("stopped")) {
            String id = instance.instanceId();
            call("start " + id, () -> ec2.startInstances(r -> r.instanceIds(id)));
            return byId(id).orElse(instance);
        }
        return instance;
    }

    /** Polls the instance until it is in {@code wanted}; Transient if it does not get there in time. */
    Instance awaitState(Instance instance, String wanted) {
        String id = instance.instanceId();
        return polling.until(options.waits().timeout(), () -> byId(id)
                        .filter(i -> i.state().nameAsString().equals(wanted) || !LIVE.contains(i.state().nameAsString())))
                .filter(i -> i.state().nameAsString().equals(wanted))
                .orElseThrow(() -> new ProviderException.Transient(options.target() + ": instance " + id + " did not "
                        + "reach " + wanted + " within " + options.waits().timeout().toSeconds() + " s", null));
    }

    Optional<Instance> byId(String instanceId) {
        try {
            return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(reservation -> reservation.instances().stream()).findFirst();
        } catch (AwsServiceException e) {
            if (AwsErrors.code(e).equals("InvalidInstanceID.NotFound")) {
                return Optional.empty();
            }
            throw errors.classify("describe " + instanceId, e);
        } catch (RuntimeException e) {
            throw errors.classify("describe " + instanceId, e);
        }
    }

    static Map<String, String> tags(Instance instance) {
        return instance.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    // ---------------------------------------------------------------- mapping

    ActualState state(Instance instance, boolean withApplied) {
        Map<String, String> tags = tags(instance);
        String state = instance.state().nameAsString();
        Status status = switch (state) {
            case "running" -> Status.RUNNING;
            case "stopped" -> Status.STOPPED;
            case "pending", "stopping" -> Status.TRANSITIONING;
            default -> Status.FAILED;
        };
        String zone = instance.placement() == null ? null : instance.placement().availabilityZone();
        String detail = state + " " + instance.instanceTypeAsString() + (zone == null ? "" : " in " + zone)
                + " from " + instance.imageId()
                + (instance.stateReason() == null || instance.stateReason().message() == null ? ""
                : ": " + instance.stateReason().message());
        Optional<Resources> applied = withApplied
                ? options.prices().type(instance.instanceTypeAsString()).map(type -> type.size(rootVolumeGiB(instance)))
                : Optional.empty();
        return new ActualState(AwsTags.workloadId(tags).orElse(null), tags.getOrDefault(AwsTags.TENANT, ""),
                instance.instanceId(), status, detail, applied, state, null, instance.launchTime(), null,
                tags.get(AwsTags.INSTALLATION));
    }

    // ---------------------------------------------------------------- EC2 reads

    private List<Instance> instances(List<Filter> filters) {
        DescribeInstancesRequest request = DescribeInstancesRequest.builder().filters(filters).build();
        try {
            return ec2.describeInstancesPaginator(request).reservations().stream()
                    .flatMap(reservation -> reservation.instances().stream()).toList();
        } catch (RuntimeException e) {
            throw errors.classify("describe instances", e);
        }
    }

    /** The AMI, which must exist and be available; Permanent naming the workload's image otherwise. */
    Image image(String amiId, String image) {
        List<Image> found;
        try {
            found = ec2.describeImages(r -> r.imageIds(amiId)).images();
        } catch (AwsServiceException e) {
            if (AwsErrors.code(e).startsWith("InvalidAMIID")) {
                throw imageMissing(image, amiId, e);
            }
            throw errors.classify("describe image " + amiId, e);
        } catch (RuntimeException e) {
            throw errors.classify("describe image " + amiId, e);
        }
        Image ami = found.stream().findFirst().orElseThrow(() -> imageMissing(image, amiId, null));
        if (!"available".equals(ami.stateAsString())) {
            throw new ProviderException.Transient(options.target() + ": image " + image + " (" + amiId + ") is "
                    + ami.stateAsString() + ", not available yet", null);
        }
        return ami;
    }

    private ProviderException.Permanent imageMissing(String image, String amiId, Throwable cause) {
        return new ProviderException.Permanent(options.target() + ": image " + image
                + (image.equals(amiId) ? "" : " (" + amiId + ")") + " does not exist in this region or is not "
                + "available to this account" + (cause == null ? "" : ": " + AwsErrors.reason(cause)), cause);
    }

    private static long rootVolumeGiB(Image image) {
        return image.blockDeviceMappings().stream()
                .filter(mapping -> mapping.deviceName().equals(image.rootDeviceName()) && mapping.ebs() != null)
                .map(mapping -> mapping.ebs().volumeSize())
                .filter(size -> size != null)
                .findFirst().orElse(0).longValue();
    }

    /** The size of the instance's root EBS volume; 0 while it has none yet. */
    private long rootVolumeGiB(Instance instance) {
        Optional<String> volumeId = instance.blockDeviceMappings().stream()
                .filter(mapping -> mapping.deviceName().equals(instance.rootDeviceName()) && mapping.ebs() != null)
                .map(InstanceBlockDeviceMapping::ebs).map(ebs -> ebs.volumeId()).findFirst();
        if (volumeId.isEmpty()) {
            return 0;
        }
        try {
            return ec2.describeVolumes(r -> r.volumeIds(volumeId.get())).volumes().stream()
                    .findFirst().map(volume -> volume.size().longValue()).orElse(0L);
        } catch (AwsServiceException e) {
            if (AwsErrors.code(e).equals("InvalidVolume.NotFound")) {
                return 0; // replaced (a revert) or deleted between the two reads
            }
            throw errors.classify("describe volume " + volumeId.get(), e);
        } catch (RuntimeException e) {
            throw errors.classify("describe volume " + volumeId.get(), e);
        }
    }

    private static Filter workloadFilter(UUID workloadId) {
        return Filter.builder().name("tag:" + AwsTags.WORKLOAD).values(workloadId.toString()).build();
    }

    private static Filter stateFilter(List<String> states) {
        return Filter.builder().name("instance-state-name").values(states).build();
    }

    private <T> T call(String action, Supplier<T> ec2Call) {
        try {
            return ec2Call.get();
        } catch (RuntimeException e) {
            throw errors.classify(action, e);
        }
    }

    static String describe(Resources resources) {
        return resources.milliCpu() / 1000.0 + " vCPU / " + resources.memoryMiB() + " MiB";
    }
}
