package dev.berth.broker.reconcile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.EmulatedAws;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.aws.emulator.Views;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.CloudAccount;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.PlacementHints;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.RestartPolicy;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Fargate task that stops on its own (its essential container exits, made so on the AWS
 * emulator): the workload follows — restarted as a new task per its restart policy, or
 * STOPPED with the exit code.
 */
@QuarkusTest
class CloudReconcileTest {

    private AwsEmulator aws;
    private Host target;

    @BeforeEach
    void fleet() throws Exception {
        TestDatabase.reset();
        aws = EmulatedAws.fresh();
        CloudAccount account = EmulatedAws.register("reconciled", List.of(EmulatedAws.REGION));
        target = Api.as("admin").hosts().getHost(account.getTargets().get(0).getHostId());
        Api.setQuota("acme", "8", 8192, 100, 10);
    }

    @Test
    void taskThatStopsOnItsOwnIsReplacedByANewTaskWithRestartPolicyAlways() throws Exception {
        Api alice = Api.as("alice");
        Workload created = alice.workloads().createWorkload(container("svc", RestartPolicy.ALWAYS), null).getWorkload();
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        Views.Task first = newestTask(created);

        aws.exitTask(first.taskArn(), 1);
        Api.as("admin").reconcile().reconcileHost(target.getId());

        Workload again = Await.until("a new task", Duration.ofSeconds(60), () -> get(alice, created),
                w -> w.getStatus() == WorkloadStatus.RUNNING && w.getRestartCount() == 1);
        assertThat(again.getLastExitCode()).isEqualTo(1);
        assertThat(newestTask(created).taskArn()).isNotEqualTo(first.taskArn());
        assertThat(newestTask(created).lastStatus()).isEqualTo("RUNNING");
        assertThat(alice.workloads().listWorkloadEvents(created.getId(), 200, null, null, null, null).getItems())
                .anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("reconcile.exited");
                    assertThat(e.getMessage()).contains("code 1");
                });
    }

    @Test
    void taskThatStopsOnItsOwnLeavesAWorkloadWithRestartPolicyNeverStoppedWithItsExitCode() throws Exception {
        Api alice = Api.as("alice");
        Workload created = alice.workloads().createWorkload(container("once", RestartPolicy.NEVER), null).getWorkload();
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);

        aws.exitTask(newestTask(created).taskArn(), 7);
        Api.as("admin").reconcile().reconcileHost(target.getId());

        Workload stopped = get(alice, created);
        assertThat(stopped.getStatus()).isEqualTo(WorkloadStatus.STOPPED);
        assertThat(stopped.getLastExitCode()).isEqualTo(7);
        assertThat(stopped.getObserved().getPhase()).isEqualTo("STOPPED");
        assertThat(stopped.getObserved().getExitCode()).isEqualTo(7);
        assertThat(EmulatedAws.tasksOf(created.getId())).as("no new task").hasSize(1);
        assertThat(alice.quota().getQuota().getUsage().getInstances()).as("a stopped workload keeps its quota").isEqualTo(1);
    }

    private static WorkloadCreate container(String name, RestartPolicy policy) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.CONTAINER).image(EmulatedAws.BUSYBOX)
                .command(List.of("sleep", "3600")).restartPolicy(policy)
                .placement(new PlacementHints().region(EmulatedAws.REGION)
                        .providerClass(PlacementHints.ProviderClassEnum.PUBLIC))
                .resources(new ResourceRequest().vcpu(new BigDecimal("0.5")).memoryMiB(1024L));
    }

    /** The emulator lists tasks in the order they were run. */
    private static Views.Task newestTask(Workload w) {
        List<Views.Task> tasks = EmulatedAws.tasksOf(w.getId());
        return tasks.get(tasks.size() - 1);
    }

    private static Workload get(Api api, Workload w) {
        try {
            return api.workloads().getWorkload(w.getId());
        } catch (ApiException e) {
            throw new AssertionError(e.getResponseBody(), e);
        }
    }
}
