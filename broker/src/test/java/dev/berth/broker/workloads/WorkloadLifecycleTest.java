package dev.berth.broker.workloads;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.model.Event;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.Operation;
import dev.berth.sdk.model.OperationStatus;
import dev.berth.sdk.model.Quota;
import dev.berth.sdk.model.RestartPolicy;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant drives a container through its whole life with the generated SDK, against the
 * real Docker engine; `docker inspect` checks from outside what Berth did.
 */
@QuarkusTest
class WorkloadLifecycleTest {

    private Host host;

    @BeforeEach
    void freshFleet() {
        TestDatabase.reset();
        host = Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "4", 4096, 10, 10);
    }

    @Test
    void containerLivesAndDiesThroughTheApi() throws Exception {
        Api alice = Api.as("alice");
        WorkloadOperation accepted = alice.workloads().createWorkload(Api.sleeper("web-1", "0.5", 64)
                .env(Map.of("GREETING", "hello")).labels(Map.of("app", "web")).restartPolicy(RestartPolicy.ON_FAILURE), null);
        Workload created = accepted.getWorkload();
        assertThat(created.getStatus()).isEqualTo(WorkloadStatus.SCHEDULED);
        assertThat(created.getHostId()).isEqualTo(host.getId());
        assertThat(accepted.getOperation().getType().getValue()).isEqualTo("CREATE");

        Workload running = alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        assertThat(running.getProviderHandle()).isNotBlank();
        Operation create = alice.operations().getOperation(accepted.getOperation().getId());
        assertThat(create.getStatus()).isEqualTo(OperationStatus.SUCCEEDED);

        String container = "berth-" + created.getId();
        JsonNode inspect = DockerCli.inspect(container);
        assertThat(inspect).as("container exists on the engine").isNotNull();
        assertThat(inspect.at("/HostConfig/NanoCpus").asLong()).isEqualTo(500_000_000L);
        assertThat(inspect.at("/HostConfig/Memory").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(inspect.at("/HostConfig/NetworkMode").asText()).isEqualTo("none");
        // Berth applies the restart policy itself (the reconciler), so the engine never restarts on its own.
        assertThat(inspect.at("/HostConfig/RestartPolicy/Name").asText()).as("no engine restart policy").isIn("", "no");
        assertThat(inspect.at("/Config/Labels/berth.tenant").asText()).isEqualTo("acme");
        assertThat(inspect.at("/Config/Labels/berth.workload").asText()).isEqualTo(created.getId().toString());
        assertThat(inspect.at("/Config/Labels/user.app").asText()).isEqualTo("web");
        assertThat(inspect.at("/State/Running").asBoolean()).isTrue();

        Quota quota = alice.quota().getQuota();
        assertThat(quota.getUsage().getInstances()).isEqualTo(1);
        assertThat(quota.getUsage().getVcpu()).isEqualByComparingTo("0.5");
        assertThat(quota.getUsage().getMemoryMiB()).isEqualTo(64);

        alice.workloads().stopWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.STOPPED);
        assertThat(DockerCli.inspect(container).at("/State/Running").asBoolean()).isFalse();

        alice.workloads().startWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        assertThat(DockerCli.inspect(container).at("/State/Running").asBoolean()).isTrue();

        String startedAt = DockerCli.inspect(container).at("/State/StartedAt").asText();
        WorkloadOperation restart = alice.workloads().restartWorkload(created.getId(), null);
        awaitOperation(alice, restart.getOperation());
        assertThat(alice.workloads().getWorkload(created.getId()).getStatus()).isEqualTo(WorkloadStatus.RUNNING);
        assertThat(DockerCli.inspect(container).at("/State/StartedAt").asText()).isNotEqualTo(startedAt);

        WorkloadOperation delete = alice.workloads().deleteWorkload(created.getId(), null);
        assertThat(delete.getWorkload().getStatus()).isEqualTo(WorkloadStatus.DELETING);
        alice.awaitStatus(created.getId(), WorkloadStatus.DELETED);
        assertThat(DockerCli.inspect(container)).as("container removed").isNull();

        Quota after = alice.quota().getQuota();
        assertThat(after.getUsage().getInstances()).isZero();
        assertThat(after.getUsage().getVcpu()).isEqualByComparingTo("0");
        assertThat(after.getUsage().getMemoryMiB()).isZero();
        Host hostAfter = Api.as("admin").hosts().getHost(host.getId());
        assertThat(hostAfter.getAllocated().getVcpu()).isEqualByComparingTo("0");
        assertThat(hostAfter.getInstances()).isZero();

        List<String> eventTypes = alice.workloads().listWorkloadEvents(created.getId(), 200, null, null, null, null).getItems().stream()
                .map(Event::getType).toList();
        assertThat(eventTypes).contains("workload.admitted", "placement.decided", "workload.status_changed",
                "operation.accepted", "quota.released");
        assertThat(alice.workloads().listWorkloads(null, null, null, null).getItems())
                .as("deleted workloads are not listed by default").isEmpty();
        assertThat(alice.workloads().listWorkloads(dev.berth.sdk.model.WorkloadStatus.DELETED, null, null, null).getItems())
                .extracting(Workload::getId).containsExactly(created.getId());
    }

    @Test
    void listFiltersByLabelAndStatusAndPages() throws Exception {
        Api alice = Api.as("alice");
        for (int i = 0; i < 5; i++) {
            alice.workloads().createWorkload(Api.sleeper("svc-" + i, "0.1", 16)
                    .labels(Map.of("tier", i % 2 == 0 ? "front" : "back")), null);
        }
        assertThat(alice.workloads().listWorkloads(null, "tier=front", null, null).getItems()).hasSize(3);
        var first = alice.workloads().listWorkloads(null, null, 2, null);
        assertThat(first.getItems()).hasSize(2);
        var second = alice.workloads().listWorkloads(null, null, 2, first.getNextPageToken());
        var third = alice.workloads().listWorkloads(null, null, 2, second.getNextPageToken());
        assertThat(third.getItems()).hasSize(1);
        assertThat(third.getNextPageToken()).isNull();
        assertThat(List.of(first, second, third)).flatExtracting(p -> p.getItems().stream().map(Workload::getName).toList())
                .containsExactly("svc-4", "svc-3", "svc-2", "svc-1", "svc-0");
    }

    @Test
    void nameIsUniqueAmongLiveWorkloads() throws Exception {
        Api alice = Api.as("alice");
        alice.workloads().createWorkload(Api.sleeper("same", "0.1", 16), null);
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(dev.berth.sdk.ApiException.class,
                () -> alice.workloads().createWorkload(Api.sleeper("same", "0.1", 16), null));
        assertThat(e.getCode()).isEqualTo(409);
        assertThat(dev.berth.sdk.support.BerthProblems.code(e)).isEqualTo("workload.name_taken");
        assertThat(alice.quota().getQuota().getUsage().getInstances()).as("the refused create holds no quota").isEqualTo(1);
    }

    private static Operation awaitOperation(Api api, Operation op) {
        return dev.berth.broker.testsupport.Await.until("operation " + op.getId(), java.time.Duration.ofSeconds(60), () -> {
            try {
                return api.operations().getOperation(op.getId());
            } catch (dev.berth.sdk.ApiException e) {
                throw new AssertionError(e);
            }
        }, o -> o.getStatus() == OperationStatus.SUCCEEDED || o.getStatus() == OperationStatus.FAILED);
    }
}
