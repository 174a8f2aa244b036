package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.aws.emulator.Views;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EC2 facts the contract suite does not look at: what RunInstances is asked for, client
 * tokens across lost responses, capacity fallback, throttling, refusals, AMI resolution and
 * what snapshots leave behind. Each test gets a fresh emulated account.
 */
class Ec2VmDriverTest {

    private AwsEmulator aws;

    @BeforeEach
    void startAws() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stopAws() {
        aws.close();
    }

    // ---------------------------------------------------------------- what is launched

    @Test
    void theInstanceIsTheCheapestFittingTypeTaggedWithUserDataInTheFirstSubnet() {
        WorkloadSpec spec = spec(new Resources(2000, 1024, 10), Map.of("team", "payments"));

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            ActualState state = driver.provision(spec);

            Views.Instance instance = LocalAws.instanceOf(aws, spec.workloadId());
            assertThat(state.handle()).isEqualTo(instance.instanceId());
            assertThat(instance.instanceType()).isEqualTo("t3.micro");
            assertThat(instance.imageId()).isEqualTo(LocalAws.DEBIAN_AMI);
            assertThat(instance.subnetId()).isEqualTo(LocalAws.SUBNET_A);
            assertThat(instance.clientToken()).isEqualTo(spec.workloadId().toString());
            assertThat(instance.rootVolumeGiB()).isEqualTo(10);
            assertThat(instance.tags()).containsEntry("berth:tenant", "acme")
                    .containsEntry("berth:workload", spec.workloadId().toString())
                    .containsEntry("Name", "web-1").containsEntry("user.team", "payments");
            assertThat(instance.userData()).contains("GREETING='hello world'").contains("nohup '/opt/app/run'");
            Map<String, String> run = lastRequest("RunInstances").params();
            assertThat(run).containsEntry("MetadataOptions.HttpTokens", "required")
                    .containsEntry("SecurityGroupId.1", LocalAws.SECURITY_GROUP)
                    .containsEntry("TagSpecification.2.ResourceType", "volume");
            await().atMost(Duration.ofSeconds(30)).until(() -> driver.describe(spec.workloadId())
                    .map(ActualState::status).equals(Optional.of(Status.RUNNING)));
            assertThat(driver.describe(spec.workloadId()).orElseThrow().applied())
                    .contains(new Resources(2000, 1024, 10));
        }
    }

    @Test
    void anOsFamilyMappedToAnSsmParameterLaunchesTheAmiItNames() {
        // amazon-linux-2023 comes from the built-in catalogue, as ssm:/aws/service/ami-amazon-linux-latest/…
        WorkloadSpec spec = withImage(spec(new Resources(1000, 512, 0), Map.of()), "amazon-linux-2023");

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            driver.provision(spec);
        }

        assertThat(LocalAws.instanceOf(aws, spec.workloadId()).imageId()).isEqualTo(LocalAws.AL2023_AMI);
        assertThat(lastRequest("GetParameter").body()).contains(LocalAws.AL2023_PARAMETER);
    }

    @Test
    void anImageThatIsNotThereIsPermanentAndNamesIt() {
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("amis", "gone=ami-0000000000000dead"))) {
            assertThatThrownBy(() -> driver.provision(withImage(spec(small(), Map.of()), "gone")))
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("gone")
                    .hasMessageContaining("ami-0000000000000dead").hasMessageContaining("InvalidAMIID.NotFound");
            assertThatThrownBy(() -> driver.provision(withImage(spec(small(), Map.of()), "ubuntu-24.04")))
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("ubuntu-24.04")
                    .hasMessageContaining("SSM parameter");
        }
        assertThat(aws.count("RunInstances")).isZero();
    }

    @Test
    void sizesOutsideTheCatalogueOrTheImageArePermanent() {
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            assertThatThrownBy(() -> driver.provision(spec(new Resources(64_000, 1024, 0), Map.of())))
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("64.0 vCPU");
            assertThatThrownBy(() -> driver.provision(spec(new Resources(1000, 1024, 4), Map.of())))
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("8 GiB root volume");
        }
        assertThat(aws.count("RunInstances")).isZero();
    }

    // ---------------------------------------------------------------- idempotency

    /** The scenario: RunInstances times out after EC2 made the instance; the retry must not make another. */
    @Test
    void provisionRetriedAfterATimeoutMakesExactlyOneInstance() {
        WorkloadSpec spec = spec(small(), Map.of());
        aws.faults().delayNextResponse("RunInstances", Duration.ofSeconds(3));

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("attemptTimeoutSeconds", "1", "maxAttempts", "1"))) {
            assertThatThrownBy(() -> driver.provision(spec)).isInstanceOf(ProviderException.Transient.class);
            assertThat(LocalAws.instancesOf(aws, spec.workloadId())).as("EC2 made it anyway").isEqualTo(1);

            ActualState retried = driver.provision(spec);

            assertThat(retried.handle()).isEqualTo(LocalAws.instanceOf(aws, spec.workloadId()).instanceId());
        }
        assertThat(LocalAws.instancesOf(aws, spec.workloadId())).isEqualTo(1);
    }

    /** Within one call: the SDK retries the timed-out attempt with the same client token, EC2 answers with the same instance. */
    @Test
    void theSdkRetryOfATimedOutLaunchReplaysTheClientToken() {
        WorkloadSpec spec = spec(small(), Map.of());
        aws.faults().delayNextResponse("RunInstances", Duration.ofSeconds(3));

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("attemptTimeoutSeconds", "1"))) {
            ActualState state = driver.provision(spec);

            assertThat(state.handle()).isEqualTo(LocalAws.instanceOf(aws, spec.workloadId()).instanceId());
        }
        assertThat(aws.requests()).filteredOn(r -> r.action().equals("RunInstances"))
                .hasSize(2).extracting(r -> r.params().get("ClientToken")).containsOnly(spec.workloadId().toString());
        assertThat(LocalAws.instancesOf(aws, spec.workloadId())).isEqualTo(1);
    }

    @Test
    void aResponseLostOnTheWireStillEndsWithOneInstance() {
        WorkloadSpec spec = spec(small(), Map.of());
        aws.faults().dropNextResponse("RunInstances");

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("maxAttempts", "1"))) {
            try {
                driver.provision(spec);
            } catch (ProviderException.Transient lost) {
                // Depending on the HTTP client, the lost answer is retried by it or surfaces here.
            }
            driver.provision(spec);
        }
        assertThat(LocalAws.instancesOf(aws, spec.workloadId())).isEqualTo(1);
    }

    // ---------------------------------------------------------------- capacity, throttling, refusals

    @Test
    void noCapacityForTheCheapestTypeLaunchesTheNextFittingOne() {
        aws.faults().insufficientCapacity("t3.micro");
        WorkloadSpec spec = spec(new Resources(2000, 1024, 0), Map.of());

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            driver.provision(spec);
        }

        Views.Instance instance = LocalAws.instanceOf(aws, spec.workloadId());
        assertThat(instance.instanceType()).isEqualTo("t3.small");
        assertThat(instance.subnetId()).isEqualTo(LocalAws.SUBNET_A);
        // t3.micro in both subnets (zones), then t3.small in the first: one client token per attempt
        assertThat(aws.requests()).filteredOn(r -> r.action().equals("RunInstances"))
                .extracting(r -> r.params().get("InstanceType") + " " + r.params().get("SubnetId") + " "
                        + r.params().get("ClientToken"))
                .containsExactly("t3.micro " + LocalAws.SUBNET_A + " " + spec.workloadId(),
                        "t3.micro " + LocalAws.SUBNET_B + " " + spec.workloadId() + "-1",
                        "t3.small " + LocalAws.SUBNET_A + " " + spec.workloadId() + "-2");
    }

    @Test
    void noCapacityForAnyFittingTypeIsTransientAndNamesWhatWasTried() {
        aws.faults().insufficientCapacity("m6i.4xlarge").insufficientCapacity("c6i.8xlarge")
                .insufficientCapacity("m6i.8xlarge");
        WorkloadSpec spec = spec(new Resources(16_000, 65_536, 0), Map.of());

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            assertThatThrownBy(() -> driver.provision(spec)).isInstanceOf(ProviderException.Transient.class)
                    .hasMessageContaining("m6i.4xlarge in " + LocalAws.SUBNET_A)
                    .hasMessageContaining("c6i.8xlarge in " + LocalAws.SUBNET_B)
                    .hasMessageContaining("m6i.8xlarge").hasMessageContaining("InsufficientInstanceCapacity");
        }
        assertThat(aws.count("RunInstances")).as("3 types × 2 subnets, none retried by the SDK").isEqualTo(6);
        assertThat(LocalAws.instancesOf(aws, spec.workloadId())).isZero();
    }

    @Test
    void throttledCallsAreRetriedWithBackoffThenSucceed() {
        aws.faults().throttleNext(3);
        WorkloadSpec spec = spec(small(), Map.of());

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            driver.provision(spec);
        }

        // The first call of the provision (DescribeInstances) was answered RequestLimitExceeded three times.
        assertThat(aws.requests()).extracting(Views.Request::action).startsWith("DescribeInstances",
                "DescribeInstances", "DescribeInstances", "DescribeInstances", "DescribeImages", "RunInstances");
        assertThat(LocalAws.instancesOf(aws, spec.workloadId())).isEqualTo(1);
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsTransient() {
        aws.faults().throttleNext(10);

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of("maxAttempts", "3"))) {
            assertThatThrownBy(() -> driver.provision(spec(small(), Map.of())))
                    .isInstanceOf(ProviderException.Transient.class).hasMessageContaining("RequestLimitExceeded");
        }
        assertThat(aws.count("DescribeInstances")).isEqualTo(3);
    }

    @Test
    void missingPermissionIsPermanentWithAwsMessage() {
        aws.faults().denyAll(true);

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            assertThatThrownBy(() -> driver.provision(spec(small(), Map.of())))
                    .isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("UnauthorizedOperation")
                    .hasMessageContaining("not authorized to perform: ec2:DescribeInstances")
                    .hasMessageContaining("check the host's credentials reference");
            assertThat(driver.probe().healthy()).isFalse();
        }
        assertThat(aws.count("DescribeInstances")).as("not retried").isEqualTo(1);
    }

    @Test
    void theAccountVcpuLimitIsPermanentWithAwsMessage() {
        aws.faults().vcpuLimit(1);

        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            assertThatThrownBy(() -> driver.provision(spec(small(), Map.of())))
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("VcpuLimitExceeded")
                    .hasMessageContaining("vCPU limit of 1");
        }
    }

    // ---------------------------------------------------------------- lifecycle details

    @Test
    void stopWaitsOutABootAndStartWaitsOutAStop() {
        WorkloadSpec spec = spec(small(), Map.of());
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            driver.provision(spec);                 // pending
            driver.stop(spec.workloadId(), Duration.ofSeconds(1));   // waits for running, then stops
            driver.start(spec.workloadId());        // waits for stopped, then starts

            await().atMost(Duration.ofSeconds(30)).until(() -> driver.describe(spec.workloadId())
                    .map(ActualState::status).equals(Optional.of(Status.RUNNING)));
        }
        assertThat(aws.count("StopInstances")).isEqualTo(1);
        assertThat(aws.count("StartInstances")).isEqualTo(1);
    }

    @Test
    void snapshotsOutliveTheVmAndRestoreAsANewOne() {
        WorkloadSpec spec = spec(new Resources(2000, 1024, 8), Map.of());
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            SnapshotCapable snapshots = (SnapshotCapable) driver;
            driver.provision(spec);
            awaitRunning(driver, spec.workloadId());
            aws.writeFile(LocalAws.instanceOf(aws, spec.workloadId()).instanceId(), "/data", "precious");
            snapshots.createSnapshot(spec.workloadId(), "nightly");

            driver.delete(spec.workloadId());

            assertThat(snapshots.listSnapshots(spec.workloadId())).extracting(s -> s.name()).containsExactly("nightly");
            String ami = snapshots.restorableImage(spec.workloadId(), "nightly").orElseThrow();
            WorkloadSpec restored = withImage(spec(new Resources(2000, 1024, 8), Map.of()),
                    new ImageSource.SnapshotImage("acme", spec.workloadId(), "nightly", ami));
            driver.provision(restored);
            assertThat(aws.readFile(LocalAws.instanceOf(aws, restored.workloadId()).instanceId(), "/data"))
                    .contains("precious");

            snapshots.deleteSnapshot(spec.workloadId(), "nightly");
            assertThat(snapshots.restorableImage(spec.workloadId(), "nightly")).isEmpty();
            assertThat(aws.images()).filteredOn(i -> i.imageId().equals(ami)).singleElement()
                    .satisfies(i -> assertThat(i.deregistered()).isTrue());
            assertThat(lastRequest("DeregisterImage").params()).containsEntry("DeleteAssociatedSnapshots", "true");
            assertThat(lastRequest("CreateImage").params()).containsEntry("NoReboot", "true")
                    .containsEntry("Name", "berth-" + spec.workloadId() + "-nightly");
        }
    }

    @Test
    void revertOfAStoppedVmRestoresItsDiskAndLeavesItStopped() {
        WorkloadSpec spec = spec(new Resources(2000, 1024, 8), Map.of());
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            SnapshotCapable snapshots = (SnapshotCapable) driver;
            driver.provision(spec);
            awaitRunning(driver, spec.workloadId());
            String instanceId = LocalAws.instanceOf(aws, spec.workloadId()).instanceId();
            aws.writeFile(instanceId, "/marker", "before");
            snapshots.createSnapshot(spec.workloadId(), "s1");
            aws.writeFile(instanceId, "/marker", "after");
            driver.stop(spec.workloadId(), Duration.ofSeconds(1));

            snapshots.revertToSnapshot(spec.workloadId(), "s1");

            assertThat(driver.describe(spec.workloadId())).map(ActualState::status).contains(Status.STOPPED);
            assertThat(driver.describe(spec.workloadId())).map(ActualState::handle).contains(instanceId);
            assertThat(aws.readFile(instanceId, "/marker")).contains("before");
        }
        assertThat(aws.count("CreateReplaceRootVolumeTask")).isEqualTo(1);
    }

    @Test
    void aContainerOnAMixedTargetHasNoSnapshots() {
        WorkloadSpec container = new WorkloadSpec(UUID.randomUUID(), "acme", "c", WorkloadKind.CONTAINER,
                ImageSource.RegistryImage.parse(LocalAws.BUSYBOX), List.of("sleep", "3600"), Map.of(), new Resources(250, 128, 0), Map.of(), null);
        try (ProviderDriver driver = LocalAws.driver(aws, Map.of())) {
            driver.provision(container);

            assertThatThrownBy(() -> ((SnapshotCapable) driver).createSnapshot(container.workloadId(), "s1"))
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("no snapshots");
            driver.delete(container.workloadId());
        }
    }

    // ---------------------------------------------------------------- helpers

    private Views.Request lastRequest(String action) {
        List<Views.Request> matching = aws.requests().stream().filter(r -> r.action().equals(action)).toList();
        assertThat(matching).as("requests of " + action).isNotEmpty();
        return matching.get(matching.size() - 1);
    }

    private static void awaitRunning(ProviderDriver driver, UUID id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.describe(id).map(ActualState::status)
                .equals(Optional.of(Status.RUNNING)));
    }

    private static Resources small() {
        return new Resources(1000, 512, 0);
    }

    private static WorkloadSpec spec(Resources resources, Map<String, String> labels) {
        return new WorkloadSpec(UUID.randomUUID(), "acme", "web-1", WorkloadKind.VM, new ImageSource.PlatformImage("debian-12", "debian-12"),
                List.of("/opt/app/run"), Map.of("GREETING", "hello world"), resources, labels, RestartPolicy.NEVER);
    }

    private static WorkloadSpec withImage(WorkloadSpec s, String family) {
        return withImage(s, new ImageSource.PlatformImage(family, family));
    }

    private static WorkloadSpec withImage(WorkloadSpec s, ImageSource image) {
        return new WorkloadSpec(s.workloadId(), s.tenant(), s.name(), s.kind(), image, s.command(), s.env(),
                s.resources(), s.labels(), s.restartPolicy());
    }
}
