package dev.berth.broker.cloud;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.EmulatedAws;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.HostRequest;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.CloudAccount;
import dev.berth.sdk.model.CloudAccountLimits;
import dev.berth.sdk.model.CloudAccountUpdate;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 8: a cloud account's {@code maxInstances} is enforced by Berth. An account allowing
 * two instances, with room for many more by CPU and memory: two workloads pinned to the cloud
 * run, the third is {@code placement.no_fit} counted under {@code Capacity/instances_exhausted}
 * with nothing left behind, the limit cannot be lowered below the two that run, and once one
 * is deleted a new one is admitted.
 */
@QuarkusTest
class CloudInstanceLimitTest {

    private UUID target;
    private UUID docker;

    @BeforeEach
    void anAccountAllowingTwoInstances() throws Exception {
        TestDatabase.reset();
        EmulatedAws.fresh();
        docker = Api.registerLocalDocker("docker-1", null).getId();
        CloudAccount account = Api.as("admin").cloudAccounts().createCloudAccount(EmulatedAws.account("capped",
                List.of(EmulatedAws.REGION)).limits(new CloudAccountLimits().maxVcpu(16).maxInstances(2)));
        target = account.getTargets().get(0).getHostId();
        Api.setQuota("acme", "8", 8192, 100, 10);
    }

    @Test
    void theThirdWorkloadIsRefusedAtTheAccountsInstanceLimitAndADeleteMakesRoom() throws Exception {
        Api admin = Api.as("admin");
        assertThat(admin.hosts().getHost(target).getMaxInstances()).isEqualTo(2);
        Api alice = Api.as("alice");
        Workload first = alice.workloads().createWorkload(CloudWorkloadsTest.container("task-1"), null).getWorkload();
        Workload second = alice.workloads().createWorkload(CloudWorkloadsTest.container("task-2"), null).getWorkload();
        assertThat(List.of(first.getHostId(), second.getHostId())).containsOnly(target);
        alice.awaitStatus(first.getId(), WorkloadStatus.RUNNING);
        alice.awaitStatus(second.getId(), WorkloadStatus.RUNNING);

        ApiException third = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(CloudWorkloadsTest.container("task-3"), null));

        assertThat(third.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(third)).isEqualTo("placement.no_fit");
        assertThat(rejections(third.getResponseBody())).contains("Capacity/instances_exhausted=1");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE name = 'task-3'")).isZero();
        assertThat(alice.quota().getQuota().getUsage().getInstances()).as("no quota leaked").isEqualTo(2);
        Host full = admin.hosts().getHost(target);
        assertThat(full.getInstances()).isEqualTo(2);
        assertThat(full.getAllocated().getVcpu()).isEqualByComparingTo("1");

        ApiException lowered = catchThrowableOfType(ApiException.class, () -> admin.cloudAccounts().updateCloudAccount(
                "capped", new CloudAccountUpdate().limits(new CloudAccountLimits().maxVcpu(16).maxInstances(1))));
        assertThat(lowered.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(lowered)).isEqualTo("host.capacity_below_allocation");
        assertThat(lowered.getResponseBody()).contains("capped-us-east-1");
        assertThat(admin.cloudAccounts().getCloudAccount("capped").getLimits().getMaxInstances()).isEqualTo(2);
        assertThat(admin.hosts().getHost(target).getMaxInstances()).as("nothing changed").isEqualTo(2);

        alice.workloads().deleteWorkload(first.getId(), null);
        alice.awaitStatus(first.getId(), WorkloadStatus.DELETED);
        Workload admitted = alice.workloads().createWorkload(CloudWorkloadsTest.container("task-3"), null).getWorkload();
        assertThat(admitted.getHostId()).as("the delete released an instance slot").isEqualTo(target);
        alice.awaitStatus(admitted.getId(), WorkloadStatus.RUNNING);
    }

    @Test
    void raisingTheLimitAdmitsMoreAndTheLimitShowsOverGrpcToo() throws Exception {
        Api alice = Api.as("alice");
        List<UUID> running = new java.util.ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            running.add(alice.workloads().createWorkload(CloudWorkloadsTest.container("task-" + i), null).getWorkload().getId());
        }
        // A limits change re-points the target's driver (maxInstances is one of its options):
        // let the creates finish on the old one first, as an operation in flight does not survive that.
        for (UUID id : running) {
            alice.awaitStatus(id, WorkloadStatus.RUNNING);
        }
        Api.as("admin").cloudAccounts().updateCloudAccount("capped",
                new CloudAccountUpdate().limits(new CloudAccountLimits().maxVcpu(16).maxInstances(3)));

        Workload third = alice.workloads().createWorkload(CloudWorkloadsTest.container("task-3"), null).getWorkload();
        assertThat(third.getHostId()).isEqualTo(target);
        try (GrpcCalls grpc = new GrpcCalls()) {
            dev.berth.grpc.v1.Host host = grpc.admin(Tokens.user("admin"))
                    .getHost(HostRequest.newBuilder().setHostId(target.toString()).build());
            assertThat(host.hasMaxInstances()).isTrue();
            assertThat(host.getMaxInstances()).isEqualTo(3);
            assertThat(host.getInstances()).isEqualTo(3);
            assertThat(grpc.admin(Tokens.user("admin")).getHost(HostRequest.newBuilder().setHostId(docker.toString()).build())
                    .hasMaxInstances()).as("a host without a limit").isFalse();
        }
        alice.awaitStatus(third.getId(), WorkloadStatus.RUNNING);
    }

    /** The no-fit body's rejections as {@code filter/reason=hosts}. */
    private static List<String> rejections(String body) throws Exception {
        JsonNode placement = new ObjectMapper().readTree(body).path("placement");
        List<String> out = new java.util.ArrayList<>();
        placement.path("rejections").forEach(r ->
                out.add(r.path("filter").asText() + "/" + r.path("reason").asText() + "=" + r.path("hosts").asInt()));
        return out;
    }
}
