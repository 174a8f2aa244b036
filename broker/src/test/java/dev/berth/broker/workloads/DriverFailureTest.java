package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.DockerSocketProxy;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.Operation;
import dev.berth.sdk.model.OperationStatus;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the provider fails, the workload ends FAILED with a reason, its quota and host
 * capacity are released in the same transaction, and no container is left behind.
 */
@QuarkusTest
class DriverFailureTest {

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        Api.setQuota("acme", "4", 2048, 10, 10);
    }

    @Test
    void missingImageFailsPermanentlyAndReleasesEverything() throws Exception {
        Host host = Api.registerLocalDocker("local-docker", null);
        Api alice = Api.as("alice");
        WorkloadOperation accepted = alice.workloads().createWorkload(
                Api.sleeper("ghost", "0.5", 64).image("berth-demo/not-built-here:1")
                        .imagePullPolicy(dev.berth.sdk.model.ImagePullPolicy.NEVER), null);
        UUID id = accepted.getWorkload().getId();

        Workload failed = alice.awaitStatus(id, WorkloadStatus.FAILED);
        assertThat(failed.getStatusReason()).contains("berth-demo/not-built-here:1");
        Operation op = alice.operations().getOperation(accepted.getOperation().getId());
        assertThat(op.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(op.getError().getCode()).isEqualTo("provider.failed");
        assertThat(op.getAttempts()).as("a permanent error is not retried").isEqualTo(1);

        assertNothingHeld(alice, host, id);
    }

    @Test
    void engineThatStopsAnsweringFailsAfterRetriesAndReleasesEverything() throws Exception {
        Api alice = Api.as("alice");
        UUID id;
        Host host;
        WorkloadOperation accepted;
        String address;
        try (DockerSocketProxy engine = new DockerSocketProxy()) {
            address = engine.endpoint().substring("tcp://".length());
            host = Api.as("admin").hosts().registerHost(new HostCreate().name("flaky").driver(HostDriver.DOCKER)
                    .endpoint(engine.endpoint()).capacity(new HostCapacity().vcpu(BigDecimal.ONE).memoryMiB(1024L)));
            assertThat(host.getHealth().getStatus().getValue()).as(host.getHealth().getDetail()).isEqualTo("HEALTHY");
            engine.close();
            accepted = alice.workloads().createWorkload(Api.sleeper("unlucky", "0.5", 64), null);
            id = accepted.getWorkload().getId();
            assertThat(accepted.getWorkload().getHostId()).isEqualTo(host.getId());
        }

        Workload failed = alice.awaitStatus(id, WorkloadStatus.FAILED);
        assertThat(failed.getStatusReason()).contains("unavailable after 2 attempts");
        Operation op = alice.operations().getOperation(accepted.getOperation().getId());
        assertThat(op.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(op.getError().getCode()).isEqualTo("provider.unavailable");
        assertThat(op.getAttempts()).as("transient errors are retried up to berth.worker.max-attempts").isEqualTo(2);
        assertThat(alice.workloads().listWorkloadEvents(id, 200, null, null, null, null).getItems())
                .anyMatch(e -> e.getType().equals("operation.retry_scheduled"));
        // Issue 13, finding 7: the tenant sees that the host was unavailable, not where the host is.
        assertThat(failed.getStatusReason()).doesNotContain(address);
        assertThat(op.getError().getDetail()).doesNotContain(address);
        assertThat(alice.workloads().listWorkloadEvents(id, 200, null, null, null, null).getItems())
                .allSatisfy(e -> assertThat(e.getMessage() + " " + e.getData()).doesNotContain(address));

        assertNothingHeld(alice, host, id);
    }

    private static void assertNothingHeld(Api alice, Host host, UUID id) throws Exception {
        var usage = alice.quota().getQuota().getUsage();
        assertThat(usage.getInstances()).isZero();
        assertThat(usage.getVcpu()).isEqualByComparingTo("0");
        assertThat(usage.getMemoryMiB()).isZero();
        Host after = Api.as("admin").hosts().getHost(host.getId());
        assertThat(after.getInstances()).isZero();
        assertThat(after.getAllocated().getVcpu()).isEqualByComparingTo("0");
        assertThat(after.getAllocated().getMemoryMiB()).isZero();
        assertThat(DockerCli.inspect("berth-" + id)).as("no orphan container").isNull();
        assertThat(alice.workloads().listWorkloadEvents(id, 200, null, null, null, null).getItems())
                .anyMatch(e -> e.getType().equals("quota.released"));
    }
}
