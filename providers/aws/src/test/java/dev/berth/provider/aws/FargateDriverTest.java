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
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * ECS facts the contract suite does not look at: the task definition Berth registers, how
 * start and restart run new tasks (ECS cannot restart one), what ECS forgetting stopped tasks
 * looks like, image pull failures and client tokens.
 */
class FargateDriverTest {

    private AwsEmulator aws;
    private ProviderDriver driver;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
        driver = LocalAws.driver(aws, Map.of("kinds", "container", "executionRoleArn",
                "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"));
    }

    @AfterEach
    void stop() {
        driver.close();
        aws.close();
    }

    @Test
    void theTaskDefinitionCarriesExactLimitsInTheSmallestFargateSize() {
        WorkloadSpec spec = spec(new Resources(500, 64, 30), RestartPolicy.ON_FAILURE);

        ActualState state = driver.provision(spec);

        Views.TaskDefinition definition = definitionOf(spec.workloadId());
        assertThat(state.handle()).isEqualTo(definition.taskDefinitionArn());
        assertThat(definition.family()).isEqualTo("berth-" + spec.workloadId());
        assertThat(definition.cpuUnits()).isEqualTo(512);
        assertThat(definition.memoryMiB()).isEqualTo(1024);
        assertThat(definition.containerCpu()).contains(512);
        assertThat(definition.containerMemoryMiB()).contains(64);
        assertThat(definition.command()).containsExactly("sleep", "3600");
        assertThat(definition.environment()).containsEntry("MODE", "test");
        assertThat(definition.tags()).containsEntry("berth:tenant", "acme")
                .containsEntry("berth:workload", spec.workloadId().toString()).containsEntry("user.tier", "gold");
        try (EcsClient ecs = LocalAws.ecs(aws)) {
            var registered = ecs.describeTaskDefinition(r -> r.taskDefinition(definition.taskDefinitionArn()))
                    .taskDefinition();
            ContainerDefinition container = registered.containerDefinitions().get(0);
            assertThat(container.restartPolicy().enabled()).isTrue();
            assertThat(container.restartPolicy().ignoredExitCodes()).containsExactly(0);
            assertThat(registered.ephemeralStorage().sizeInGiB()).isEqualTo(30);
            assertThat(registered.executionRoleArn()).endsWith("role/ecsTaskExecutionRole");
        }
        assertThat(aws.tasks()).singleElement().satisfies(task -> {
            assertThat(task.clientToken()).isEqualTo(spec.workloadId().toString());
            assertThat(task.tags()).containsEntry("berth:workload", spec.workloadId().toString());
        });
        assertThat(driver.describe(spec.workloadId()).orElseThrow().applied()).contains(new Resources(500, 64, 30));
    }

    @Test
    void aSmallDiskIsRoundedUpToFargatesSmallestExplicitSizeAndAHugeOneRefused() {
        WorkloadSpec small = spec(new Resources(250, 128, 5), RestartPolicy.NEVER);
        driver.provision(small);
        assertThat(driver.describe(small.workloadId()).orElseThrow().applied()).contains(new Resources(250, 128, 21));

        assertThatThrownBy(() -> driver.provision(spec(new Resources(250, 128, 300), RestartPolicy.NEVER)))
                .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("200 GiB");
        assertThatThrownBy(() -> driver.provision(spec(new Resources(17_000, 1024, 0), RestartPolicy.NEVER)))
                .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("Fargate's largest task");
    }

    /** ECS semantics: a stopped task cannot run again, so start runs a new task; the handle stays. */
    @Test
    void startOfAStoppedContainerRunsANewTaskUnderTheSameHandle() {
        WorkloadSpec spec = spec(new Resources(250, 128, 0), RestartPolicy.NEVER);
        String handle = driver.provision(spec).handle();
        String firstTask = aws.tasks().get(0).taskArn();
        driver.stop(spec.workloadId(), Duration.ofSeconds(1));
        awaitStatus(spec.workloadId(), Status.STOPPED);

        driver.start(spec.workloadId());

        ActualState running = awaitStatus(spec.workloadId(), Status.RUNNING);
        assertThat(running.handle()).isEqualTo(handle);
        assertThat(aws.tasks()).hasSize(2).extracting(Views.Task::taskArn).contains(firstTask);
        assertThat(aws.tasks()).filteredOn(t -> !t.taskArn().equals(firstTask)).singleElement()
                .satisfies(t -> assertThat(t.clientToken()).startsWith(spec.workloadId() + "-"));
        assertThat(driver.list()).filteredOn(s -> s.workloadId().equals(spec.workloadId())).hasSize(1);
    }

    @Test
    void restartStopsTheTaskAndRunsAnother() {
        WorkloadSpec spec = spec(new Resources(250, 128, 0), RestartPolicy.NEVER);
        driver.provision(spec);

        driver.restart(spec.workloadId(), Duration.ofSeconds(1));

        awaitStatus(spec.workloadId(), Status.RUNNING);
        assertThat(aws.tasks()).hasSize(2).extracting(Views.Task::desiredStatus).containsExactlyInAnyOrder("STOPPED",
                "RUNNING");
    }

    /** ECS forgets stopped tasks after about an hour; the workload (its family) is still there. */
    @Test
    void aWorkloadWhoseTasksEcsForgotIsStoppedAndStartsAgain() {
        WorkloadSpec spec = spec(new Resources(250, 128, 0), RestartPolicy.NEVER);
        driver.provision(spec);
        driver.stop(spec.workloadId(), Duration.ofSeconds(1));
        awaitStatus(spec.workloadId(), Status.STOPPED);
        aws.expireStoppedTasks();

        ActualState forgotten = driver.describe(spec.workloadId()).orElseThrow();
        assertThat(forgotten.status()).isEqualTo(Status.STOPPED);
        assertThat(forgotten.detail()).contains("no task");
        assertThat(driver.list()).filteredOn(s -> s.workloadId().equals(spec.workloadId())).singleElement()
                .satisfies(s -> assertThat(s.tenant()).isEqualTo("acme"));

        driver.start(spec.workloadId());
        awaitStatus(spec.workloadId(), Status.RUNNING);
    }

    @Test
    void anImageFargateCannotPullLeavesNothingBehind() {
        WorkloadSpec spec = withImage(spec(new Resources(250, 128, 0), RestartPolicy.NEVER),
                ImageSource.RegistryImage.parse("registry.example/acme/app:missing"));

        assertThatThrownBy(() -> driver.provision(spec)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("registry.example/acme/app:missing")
                .hasMessageContaining("CannotPullContainerError");

        assertThat(driver.describe(spec.workloadId())).isEmpty();
        assertThat(aws.taskDefinitions()).filteredOn(d -> d.family().equals("berth-" + spec.workloadId())).isEmpty();
    }

    @Test
    void aRunTaskAnswerLostToATimeoutIsReplayedByItsClientToken() {
        WorkloadSpec spec = spec(new Resources(250, 128, 0), RestartPolicy.NEVER);
        aws.faults().delayNextResponse("RunTask", Duration.ofSeconds(3));

        try (ProviderDriver impatient = LocalAws.driver(aws, Map.of("kinds", "container", "attemptTimeoutSeconds", "1"))) {
            impatient.provision(spec);
        }

        assertThat(aws.count("RunTask")).isEqualTo(2);
        assertThat(aws.tasks()).hasSize(1);
    }

    @Test
    void fargateNeedsASubnet() {
        try (ProviderDriver noNetwork = LocalAws.driver(aws, Map.of("kinds", "container", "subnetIds", ""))) {
            assertThatThrownBy(() -> noNetwork.provision(spec(new Resources(250, 128, 0), RestartPolicy.NEVER)))
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("subnetIds");
        }
        assertThat(aws.count("RegisterTaskDefinition")).isZero();
    }

    @Test
    void aVmOnAContainersOnlyTargetIsPermanent() {
        WorkloadSpec vm = new WorkloadSpec(UUID.randomUUID(), "acme", "vm", WorkloadKind.VM, new ImageSource.PlatformImage("debian-12", "debian-12"), List.of(),
                Map.of(), new Resources(1000, 1024, 0), Map.of(), null);

        assertThatThrownBy(() -> driver.provision(vm)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("[CONTAINER] only");
    }

    @Test
    void anUnknownClusterIsPermanentNotAMissingWorkload() {
        try (ProviderDriver wrong = LocalAws.driver(aws, Map.of("kinds", "container", "cluster", "nope"))) {
            assertThatThrownBy(() -> wrong.provision(spec(new Resources(250, 128, 0), RestartPolicy.NEVER)))
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("ClusterNotFoundException");
        }
    }

    private Views.TaskDefinition definitionOf(UUID workloadId) {
        return aws.taskDefinitions().stream().filter(d -> d.family().equals("berth-" + workloadId)).findFirst()
                .orElseThrow();
    }

    private ActualState awaitStatus(UUID id, Status status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> driver.describe(id),
                s -> s.map(ActualState::status).equals(Optional.of(status))).orElseThrow();
    }

    private static WorkloadSpec spec(Resources resources, RestartPolicy restart) {
        return new WorkloadSpec(UUID.randomUUID(), "acme", "app", WorkloadKind.CONTAINER, ImageSource.RegistryImage.parse(LocalAws.BUSYBOX),
                List.of("sleep", "3600"), Map.of("MODE", "test"), resources, Map.of("tier", "gold"), restart);
    }

    private static WorkloadSpec withImage(WorkloadSpec s, ImageSource image) {
        return new WorkloadSpec(s.workloadId(), s.tenant(), s.name(), s.kind(), image, s.command(), s.env(),
                s.resources(), s.labels(), s.restartPolicy());
    }
}
