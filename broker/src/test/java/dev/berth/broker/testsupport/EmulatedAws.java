package dev.berth.broker.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.aws.emulator.Views;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.CloudAccount;
import dev.berth.sdk.model.CloudAccountCreate;
import dev.berth.sdk.model.CloudAccountLimits;
import dev.berth.sdk.model.CloudAccountSettings;

/**
 * One emulated AWS account for the broker's tests (providers/aws-emulator on 127.0.0.1, never
 * real AWS; surefire gives the SDK's default chain the emulator's fake key), started once per
 * JVM and shared — tests find their own objects by the workload tag, and start from {@link #fresh()}.
 * It answers for {@value #REGION} and {@value #OTHER_REGION} (same state), the two regions
 * the shipped price catalogue knows.
 */
public final class EmulatedAws {

    public static final String REGION = "us-east-1";
    public static final String OTHER_REGION = "eu-west-1";
    public static final String DEBIAN_AMI = "ami-0d1e2b3a4c5f60718";
    /** Where the shipped catalogue maps the OS family {@code debian-12}. */
    public static final String DEBIAN_PARAMETER = "/aws/service/debian/release/12/latest/amd64";
    public static final String BUSYBOX = "public.ecr.aws/docker/library/busybox:1.36";
    public static final String SUBNET = "subnet-0aaaaaaaaaaaaaaa1";
    public static final String SECURITY_GROUP = "sg-0ccccccccccccccc3";

    private static AwsEmulator aws;

    private EmulatedAws() {
    }

    public static synchronized AwsEmulator get() {
        if (aws == null) {
            aws = AwsEmulator.start(REGION).alsoAnswerFor(OTHER_REGION)
                    .stepDuration(Duration.ofMillis(50))
                    .registerImage(DEBIAN_AMI, "debian-12-amd64", "x86_64", 8)
                    .putParameter(DEBIAN_PARAMETER, DEBIAN_AMI)
                    .registerContainerImage(BUSYBOX);
        }
        return aws;
    }

    /** The shared emulator with no fault switched on: what each test starts from. */
    public static AwsEmulator fresh() {
        AwsEmulator emulator = get();
        emulator.faults().clear();
        return emulator;
    }

    /** An account on the emulator: fast polling, the test subnet, the shipped catalogue. */
    public static CloudAccountCreate account(String name, List<String> regions) {
        return new CloudAccountCreate().name(name).regions(regions).credentials("default")
                .limits(new CloudAccountLimits().maxVcpu(16).maxInstances(10))
                .settings(settings());
    }

    public static CloudAccountSettings settings() {
        return new CloudAccountSettings().endpointOverride(get().endpoint().toString())
                .subnetIds(List.of(SUBNET)).securityGroupIds(List.of(SECURITY_GROUP))
                .pollIntervalMillis(25).waitTimeoutSeconds(20);
    }

    /** As admin, through the SDK. */
    public static CloudAccount register(String name, List<String> regions) {
        try {
            return Api.as("admin").cloudAccounts().createCloudAccount(account(name, regions));
        } catch (ApiException e) {
            throw new AssertionError("registering cloud account failed: " + e.getResponseBody(), e);
        }
    }

    /** Instances the emulator holds for a workload, in any state. */
    public static List<Views.Instance> instancesOf(UUID workloadId) {
        return get().instances().stream().filter(i -> workloadId.toString().equals(i.tags().get("berth:workload"))).toList();
    }

    /** Tasks the emulator holds for a workload, in any state. */
    public static List<Views.Task> tasksOf(UUID workloadId) {
        return get().tasks().stream().filter(t -> workloadId.toString().equals(t.tags().get("berth:workload"))).toList();
    }

    public static List<Views.TaskDefinition> taskDefinitionsOf(UUID workloadId) {
        return get().taskDefinitions().stream()
                .filter(d -> workloadId.toString().equals(d.tags().get("berth:workload"))).toList();
    }
}
