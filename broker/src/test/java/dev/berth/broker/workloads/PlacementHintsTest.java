package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.PlacementHints;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Placement hints through the API, on a fleet of three hosts (the local engine registered three times). */
@QuarkusTest
class PlacementHintsTest {

    @BeforeEach
    void threeHosts() throws ApiException {
        TestDatabase.reset();
        for (String zone : new String[] {"a", "b", "c"}) {
            Api.as("admin").hosts().registerHost(new HostCreate().name("host-" + zone).driver(HostDriver.DOCKER)
                    .endpoint("unix:///var/run/docker.sock").labels(Map.of("region", "local", "zone", "local-" + zone))
                    .capacity(new HostCapacity().vcpu(new BigDecimal("2")).memoryMiB(2048L)));
        }
        Api.setQuota("acme", "16", 16384, 10, 10);
    }

    @Test
    void hardAntiAffinitySpreadsAGroupAndExplainsTheFourthRefusal() throws Exception {
        Api alice = Api.as("alice");
        Set<UUID> hosts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Workload w = alice.workloads().createWorkload(Api.sleeper("web-" + i, "0.1", 16)
                    .placement(new PlacementHints().group("web").antiAffinity(PlacementHints.AntiAffinityEnum.HARD)), null)
                    .getWorkload();
            assertThat(w.getPlacement().getGroup()).isEqualTo("web");
            hosts.add(w.getHostId());
        }
        assertThat(hosts).as("three replicas on three distinct hosts").hasSize(3);

        ApiException fourth = catchThrowableOfType(ApiException.class, () -> alice.workloads().createWorkload(
                Api.sleeper("web-3", "0.1", 16).placement(new PlacementHints().group("web")
                        .antiAffinity(PlacementHints.AntiAffinityEnum.HARD)), null));
        assertThat(fourth.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(fourth)).isEqualTo("placement.no_fit");
        assertThat(fourth.getResponseBody()).contains("\"filter\":\"AntiAffinity\"", "\"hosts\":3");
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isEqualTo(3);

        Workload otherGroup = alice.workloads().createWorkload(Api.sleeper("db-0", "0.1", 16)
                .placement(new PlacementHints().group("db").antiAffinity(PlacementHints.AntiAffinityEnum.HARD)), null).getWorkload();
        alice.awaitStatus(otherGroup.getId(), WorkloadStatus.RUNNING);
    }

    @Test
    void requiredZoneAndRegionAreHonouredOrExplained() throws Exception {
        Api alice = Api.as("alice");
        Workload inB = alice.workloads().createWorkload(Api.sleeper("zoned", "0.1", 16)
                .placement(new PlacementHints().zone("local-b")), null).getWorkload();
        assertThat(Api.as("admin").hosts().getHost(inB.getHostId()).getName()).isEqualTo("host-b");

        ApiException mars = catchThrowableOfType(ApiException.class, () -> alice.workloads().createWorkload(
                Api.sleeper("far", "0.1", 16).placement(new PlacementHints().region("mars-1")), null));
        assertThat(BerthProblems.code(mars)).isEqualTo("placement.no_fit");
        assertThat(mars.getResponseBody()).contains("\"filter\":\"RequiredLabels\"");
    }

    @Test
    void coLocationWithoutAGroupIsInvalid() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> Api.as("alice").workloads().createWorkload(
                Api.sleeper("x", "0.1", 16).placement(new PlacementHints().antiAffinity(PlacementHints.AntiAffinityEnum.HARD)), null));
        assertThat(e.getCode()).isEqualTo(400);
        assertThat(BerthProblems.code(e)).isEqualTo("request.invalid");
    }
}
