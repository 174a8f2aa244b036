package dev.berth.broker.cloud;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.EmulatedAws;
import dev.berth.broker.testsupport.PlatformImages;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.aws.emulator.Views;
import dev.berth.sdk.model.CloudAccount;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.Operation;
import dev.berth.sdk.model.OperationStatus;
import dev.berth.sdk.model.PlacementHints;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants' workloads on a cloud account's target, end to end: the SDK against the broker,
 * the broker's AWS driver against the local emulator (providers/aws-emulator), the result
 * read back from the emulator's state. The fleet is the account's one region and a private
 * Docker host; the requests pin themselves to the cloud with their placement hints.
 */
@QuarkusTest
class CloudWorkloadsTest {

    private AwsEmulator aws;
    private Host target;

    @BeforeEach
    void fleet() throws Exception {
        TestDatabase.reset();
        PlatformImages.registerVmImages();
        aws = EmulatedAws.fresh();
        Api.registerLocalDocker("docker-1", null);
        CloudAccount account = EmulatedAws.register("emulated", List.of(EmulatedAws.REGION));
        target = Api.as("admin").hosts().getHost(account.getTargets().get(0).getHostId());
        Api.setQuota("acme", "8", 8192, 100, 10);
    }

    static PlacementHints inTheCloud() {
        return new PlacementHints().region(EmulatedAws.REGION).providerClass(PlacementHints.ProviderClassEnum.PUBLIC);
    }

    static WorkloadCreate vm(String name) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.VM).image("debian-12").placement(inTheCloud())
                .resources(new ResourceRequest().vcpu(new BigDecimal("2")).memoryMiB(1024L).diskGiB(8L));
    }

    static WorkloadCreate container(String name) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.CONTAINER).image(EmulatedAws.BUSYBOX)
                .command(List.of("sleep", "3600")).placement(inTheCloud())
                .resources(new ResourceRequest().vcpu(new BigDecimal("0.5")).memoryMiB(1024L));
    }

    @Test
    void vmRunsOnEc2StopsStartsAndDeleteTerminatesTheInstance() throws Exception {
        Api alice = Api.as("alice");
        Workload created = alice.workloads().createWorkload(vm("web-vm"), null).getWorkload();
        assertThat(created.getHostId()).isEqualTo(target.getId());

        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        Views.Instance instance = single(EmulatedAws.instancesOf(created.getId()));
        assertThat(instance.state()).isIn("pending", "running");
        assertThat(instance.instanceType()).as("cheapest fitting type of the shipped catalogue").isEqualTo("t3.micro");
        assertThat(instance.imageId()).isEqualTo(EmulatedAws.DEBIAN_AMI);
        assertThat(instance.tags()).containsEntry("berth:tenant", "acme");
        assertThat(instance.clientToken()).isEqualTo(created.getId().toString());

        alice.workloads().stopWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.STOPPED);
        // EC2 answers StopInstances with "stopping"; the instance is "stopped" a moment later
        Await.until("instance stopped", Duration.ofSeconds(10),
                () -> single(EmulatedAws.instancesOf(created.getId())).state().equals("stopped"));
        alice.workloads().startWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        assertThat(single(EmulatedAws.instancesOf(created.getId())).state()).isIn("pending", "running");

        alice.workloads().deleteWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.DELETED);
        assertThat(single(EmulatedAws.instancesOf(created.getId())).state()).isIn("shutting-down", "terminated");
        assertReleased(alice);
    }

    @Test
    void containerRunsOnFargateStopsStartsAndDeleteStopsTheTask() throws Exception {
        Api alice = Api.as("alice");
        Workload created = alice.workloads().createWorkload(container("web-task"), null).getWorkload();
        assertThat(created.getHostId()).isEqualTo(target.getId());

        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        assertThat(EmulatedAws.tasksOf(created.getId())).singleElement().satisfies(task -> {
            assertThat(task.lastStatus()).isEqualTo("RUNNING");
            assertThat(task.image()).isEqualTo(EmulatedAws.BUSYBOX);
            assertThat(task.tags()).containsEntry("berth:tenant", "acme");
        });

        alice.workloads().stopWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.STOPPED);
        awaitTasksStopped(created.getId());
        alice.workloads().startWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        assertThat(EmulatedAws.tasksOf(created.getId())).as("ECS runs a new task to start again")
                .hasSize(2).anyMatch(t -> t.lastStatus().equals("RUNNING"));

        alice.workloads().deleteWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.DELETED);
        awaitTasksStopped(created.getId());
        assertThat(EmulatedAws.taskDefinitionsOf(created.getId())).as("task definitions deleted").isEmpty();
        assertReleased(alice);
    }

    @Test
    void accessDeniedByAwsFailsTheWorkloadWithAwsMessageAndReleasesEverything() throws Exception {
        aws.faults().denyAll(true);
        Api alice = Api.as("alice");
        WorkloadOperation accepted = alice.workloads().createWorkload(vm("denied-vm"), null);
        UUID id = accepted.getWorkload().getId();

        Workload failed = alice.awaitStatus(id, WorkloadStatus.FAILED);
        assertThat(failed.getStatusReason()).contains("UnauthorizedOperation")
                .contains("check the host's credentials reference");
        Operation op = alice.operations().getOperation(accepted.getOperation().getId());
        assertThat(op.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(op.getError().getCode()).isEqualTo("provider.failed");
        assertThat(op.getAttempts()).as("a permanent error is not retried").isEqualTo(1);
        aws.faults().clear();
        assertThat(EmulatedAws.instancesOf(id)).as("no instance left").isEmpty();
        assertReleased(alice);
    }

    @Test
    void noCapacityForTheCheapestTypeStillLandsOnTheNextOne() throws Exception {
        aws.faults().insufficientCapacity("t3.micro");
        Api alice = Api.as("alice");
        UUID id = alice.workloads().createWorkload(vm("fallback-vm"), null).getWorkload().getId();

        alice.awaitStatus(id, WorkloadStatus.RUNNING);
        assertThat(single(EmulatedAws.instancesOf(id)).instanceType()).isEqualTo("t3.small");
        Host held = Api.as("admin").hosts().getHost(target.getId());
        assertThat(held.getInstances()).isEqualTo(1);
        assertThat(held.getAllocated().getVcpu()).isEqualByComparingTo("2");

        alice.workloads().deleteWorkload(id, null);
        alice.awaitStatus(id, WorkloadStatus.DELETED);
    }

    /** ECS answers StopTask with the task STOPPING (desired STOPPED); it is STOPPED a few steps later. */
    private static void awaitTasksStopped(UUID workloadId) {
        assertThat(EmulatedAws.tasksOf(workloadId)).isNotEmpty().allMatch(t -> t.desiredStatus().equals("STOPPED"));
        Await.until("tasks of " + workloadId + " stopped", Duration.ofSeconds(10),
                () -> EmulatedAws.tasksOf(workloadId).stream().allMatch(t -> t.lastStatus().equals("STOPPED")));
    }

    private void assertReleased(Api alice) throws Exception {
        var usage = alice.quota().getQuota().getUsage();
        assertThat(usage.getInstances()).isZero();
        assertThat(usage.getVcpu()).isEqualByComparingTo("0");
        Host after = Api.as("admin").hosts().getHost(target.getId());
        assertThat(after.getInstances()).isZero();
        assertThat(after.getAllocated().getVcpu()).isEqualByComparingTo("0");
        assertThat(after.getAllocated().getMemoryMiB()).isZero();
    }

    private static Views.Instance single(List<Views.Instance> instances) {
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }
}
