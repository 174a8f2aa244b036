package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.BrokerUnderTest;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.SimulatePlacementRequest;
import dev.berth.grpc.v1.SimulatePlacementResponse;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.PlacementsApi;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.HostPricing;
import dev.berth.sdk.model.PlacementBurst;
import dev.berth.sdk.model.PlacementRejection;
import dev.berth.sdk.model.PlacementSimulation;
import dev.berth.sdk.model.PlacementSimulationResult;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthClients;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 8, private-first with cloud bursting, through the API: a private host of 2 vCPU with
 * 1.5 taken (private utilisation 0.625, below the 0.8 threshold) and an empty priced public
 * target. A 1-vCPU workload fits nowhere private: a tenant allowed to burst
 * ({@code berth.dev/burst=allowed}) lands on the public target and the create and simulate
 * responses say why; a tenant without the label gets {@code placement.no_fit} naming the
 * Burst rule. A workload with private room stays private even for an allowed tenant.
 * Both hosts are the local Docker engine: placement is what is tested.
 */
@QuarkusTest
class BurstingPlacementTest {

    private UUID owned;
    private UUID cloud;
    private Api alice;

    @BeforeEach
    void nearlyFullPrivateFleetAndAPublicTarget() throws ApiException {
        TestDatabase.reset();
        Api admin = Api.as("admin");
        owned = admin.hosts().registerHost(new HostCreate().name("owned").driver(HostDriver.DOCKER)
                .endpoint("unix:///var/run/docker.sock")
                .capacity(new HostCapacity().vcpu(new BigDecimal("2")).memoryMiB(2048L))).getId();
        cloud = admin.hosts().registerHost(new HostCreate().name("cloud").driver(HostDriver.DOCKER)
                .endpoint("unix:///var/run/docker.sock").providerClass(HostCreate.ProviderClassEnum.PUBLIC)
                .pricing(new HostPricing().vcpuHour(new BigDecimal("0.04")).memoryGiBHour(new BigDecimal("0.005")))
                .capacity(new HostCapacity().vcpu(new BigDecimal("8")).memoryMiB(8192L))).getId();
        Api.setQuota("acme", "16", 16384, 100, 10);
        alice = Api.as("alice");
        Workload filler = alice.workloads().createWorkload(Api.sleeper("filler", "1.5", 1024), null).getWorkload();
        assertThat(filler.getHostId()).as("an unlabelled tenant is kept off public hosts").isEqualTo(owned);
        alice.awaitStatus(filler.getId(), WorkloadStatus.RUNNING);
    }

    private static PlacementsApi placements(String user) {
        return new PlacementsApi(BerthClients.withBearerToken(BrokerUnderTest.baseUrl(), () -> Tokens.user(user)));
    }

    private static void allowBursting() throws ApiException {
        Api.as("admin").quotas().setTenantLabels("acme", Map.of("berth.dev/burst", "allowed"));
    }

    @Test
    void aBurstAllowedTenantsWorkloadGoesToThePublicTargetAndSaysWhy() throws Exception {
        allowBursting();

        PlacementSimulationResult what = placements("alice").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("big", "1", 512)));
        assertThat(what.getFits()).isTrue();
        assertThat(what.getHostId()).isEqualTo(cloud);
        assertThat(what.getExplanation().getBurst().getReason()).isEqualTo(PlacementBurst.ReasonEnum.NO_PRIVATE_FIT);
        assertThat(what.getExplanation().getBurst().getPrivateUtilisation()).isEqualByComparingTo("0.625");
        assertThat(what.getExplanation().getBurst().getThreshold()).isEqualByComparingTo("0.8");
        // (1 vCPU × 0.04 + 0.5 GiB × 0.005) × 730 h
        assertThat(what.getEstimatedMonthlyCost()).isEqualByComparingTo("31.025");

        Workload burst = alice.workloads().createWorkload(Api.sleeper("big", "1", 512), null).getWorkload();
        assertThat(burst.getHostId()).isEqualTo(cloud);
        assertThat(burst.getBurst().getReason()).isEqualTo(PlacementBurst.ReasonEnum.NO_PRIVATE_FIT);
        assertThat(burst.getBurst().getDetail()).contains("no private host could take the workload");
        assertThat(burst.getEstimatedMonthlyCost()).isEqualByComparingTo("31.025");
        assertThat(alice.workloads().getWorkload(burst.getId()).getBurst().getReason())
                .as("recorded with the workload").isEqualTo(PlacementBurst.ReasonEnum.NO_PRIVATE_FIT);
        assertThat(TestDatabase.strings("SELECT data->'burst'->>'reason' FROM event WHERE type = 'placement.decided' "
                + "AND workload_id = '" + burst.getId() + "'")).as("and with the decision").containsExactly("no_private_fit");
        alice.awaitStatus(burst.getId(), WorkloadStatus.RUNNING);

        try (GrpcCalls grpc = new GrpcCalls()) {
            SimulatePlacementResponse overGrpc = grpc.workloads(Tokens.user("alice")).simulatePlacement(SimulatePlacementRequest
                    .newBuilder().setWorkload(CreateWorkloadRequest.newBuilder().setName("big-2").setKind("container")
                            .setImage(Api.IMAGE).setResources(Resources.newBuilder().setMilliCpu(1000).setMemoryMib(512)))
                    .build());
            assertThat(overGrpc.getHostId()).isEqualTo(cloud.toString());
            assertThat(overGrpc.getBurst().getReason()).isEqualTo("no_private_fit");
            assertThat(overGrpc.getEstimatedMonthlyCostMicros()).isEqualTo(31_025_000);
            dev.berth.grpc.v1.Workload stored = grpc.workloads(Tokens.user("alice")).getWorkload(
                    dev.berth.grpc.v1.GetWorkloadRequest.newBuilder().setWorkloadId(burst.getId().toString()).build());
            assertThat(stored.getBurst().getReason()).isEqualTo("no_private_fit");
            assertThat(stored.getEstimatedMonthlyCostMicros()).isEqualTo(31_025_000);
        }
    }

    @Test
    void aTenantNotAllowedToBurstGetsNoFitNamingTheRule() throws Exception {
        PlacementSimulationResult what = placements("alice").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("big", "1", 512)));
        assertThat(what.getFits()).isFalse();
        assertThat(what.getExplanation().getRejections()).extracting(PlacementRejection::getFilter,
                PlacementRejection::getReason, PlacementRejection::getHosts).containsExactly(
                Tuple.tuple("Burst", "burst_not_allowed", 1), Tuple.tuple("Capacity", "insufficient_cpu", 1));

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(Api.sleeper("big", "1", 512), null));
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(refused)).isEqualTo("placement.no_fit");
        assertThat(refused.getResponseBody()).contains("\"filter\":\"Burst\"", "\"reason\":\"burst_not_allowed\"",
                "1 by Burst (burst_not_allowed)");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE name = 'big'")).as("no partial row").isZero();
    }

    @Test
    void belowTheThresholdWithPrivateRoomEvenAnAllowedTenantStaysPrivate() throws Exception {
        allowBursting();

        PlacementSimulationResult what = placements("alice").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("small", "0.25", 256)));
        assertThat(what.getHostId()).isEqualTo(owned);
        assertThat(what.getExplanation().getBurst()).isNull();
        assertThat(what.getExplanation().getRejections()).extracting(PlacementRejection::getFilter,
                PlacementRejection::getReason).containsExactly(Tuple.tuple("Burst", "private_first"));

        Workload small = alice.workloads().createWorkload(Api.sleeper("small", "0.25", 256), null).getWorkload();
        assertThat(small.getHostId()).isEqualTo(owned);
        assertThat(small.getBurst()).isNull();
        assertThat(small.getEstimatedMonthlyCost()).as("owned hardware is free").isEqualByComparingTo("0");
        alice.awaitStatus(small.getId(), WorkloadStatus.RUNNING);
    }
}
