package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.BrokerUnderTest;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.PlacementsApi;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.PlacementHints;
import dev.berth.sdk.model.PlacementRejection;
import dev.berth.sdk.model.PlacementSimulation;
import dev.berth.sdk.model.PlacementSimulationResult;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.support.BerthClients;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Regression: tenant labels set through the admin API ({@code tenant_profile}) reached the
 * policies but not placement — {@code Admission} built every placement request without
 * them, so a tenant restricted to a region could land anywhere. Through the API: a tenant
 * with {@code allowed-regions} only lands on hosts in those regions, a host pool listed for
 * another tenant stays closed to it, and the simulation counts both refusals under
 * TenantEligibility.
 */
@QuarkusTest
class TenantEligibilityPlacementTest {

    private Map<String, UUID> hosts;

    @BeforeEach
    void fleet() throws ApiException {
        TestDatabase.reset();
        hosts = new HashMap<>();
        register("eu-1", Map.of("region", "eu-west", "zone", "eu-west-a"));
        register("us-1", Map.of("region", "us-east", "zone", "us-east-a"));
        register("globex-pool", Map.of("region", "eu-west", "zone", "eu-west-b", "tenants", "globex"));
        Api.setQuota("acme", "16", 16384, 10, 10);
        Api.as("admin").quotas().setTenantLabels("acme", Map.of("allowed-regions", "eu-west"));
    }

    private void register(String name, Map<String, String> labels) throws ApiException {
        Host host = Api.as("admin").hosts().registerHost(new HostCreate().name(name).driver(HostDriver.DOCKER)
                .endpoint("unix:///var/run/docker.sock").labels(labels)
                .capacity(new HostCapacity().vcpu(new BigDecimal("2")).memoryMiB(2048L)));
        hosts.put(name, host.getId());
    }

    private static PlacementsApi placements(String user) {
        return new PlacementsApi(BerthClients.withBearerToken(BrokerUnderTest.baseUrl(), () -> Tokens.user(user)));
    }

    @Test
    void aTenantRestrictedToARegionLandsOnlyOnEligibleHostsAndSimulationSaysWhy() throws Exception {
        PlacementSimulationResult anywhere = placements("alice").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("what-if", "0.1", 16)));
        assertThat(anywhere.getFits()).isTrue();
        assertThat(anywhere.getHostId()).isEqualTo(hosts.get("eu-1"));
        assertThat(anywhere.getExplanation().getRejections()).extracting(PlacementRejection::getFilter,
                PlacementRejection::getReason, PlacementRejection::getHosts).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("TenantEligibility", "region_not_allowed", 1),
                org.assertj.core.groups.Tuple.tuple("TenantEligibility", "tenant_not_listed", 1));

        for (int i = 0; i < 3; i++) {
            Workload w = Api.as("alice").workloads().createWorkload(Api.sleeper("web-" + i, "0.1", 16), null).getWorkload();
            assertThat(w.getHostId()).as("only the eu-west host outside globex's pool is eligible").isEqualTo(hosts.get("eu-1"));
        }

        PlacementSimulationResult pinned = placements("alice").simulatePlacement(new PlacementSimulation()
                .workload(Api.sleeper("far", "0.1", 16).placement(new PlacementHints().region("us-east"))));
        assertThat(pinned.getFits()).isFalse();
        assertThat(pinned.getExplanation().getRejections()).extracting(PlacementRejection::getFilter,
                PlacementRejection::getReason, PlacementRejection::getHosts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("TenantEligibility", "region_not_allowed", 1),
                org.assertj.core.groups.Tuple.tuple("TenantEligibility", "tenant_not_listed", 1),
                org.assertj.core.groups.Tuple.tuple("RequiredLabels", "region_mismatch", 1));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> Api.as("alice").workloads().createWorkload(
                Api.sleeper("far", "0.1", 16).placement(new PlacementHints().region("us-east")), null));
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(refused)).isEqualTo("placement.no_fit");
        assertThat(refused.getResponseBody()).contains("\"filter\":\"TenantEligibility\"", "\"reason\":\"region_not_allowed\"");
    }

    @Test
    void theRestrictionComesFromTheTenantsLabelsAndLiftsWithThem() throws Exception {
        PlacementSimulation usEast = new PlacementSimulation()
                .workload(Api.sleeper("far", "0.1", 16).placement(new PlacementHints().region("us-east")));
        assertThat(placements("alice").simulatePlacement(usEast).getFits()).isFalse();

        Api.as("admin").quotas().setTenantLabels("acme", Map.of());
        PlacementSimulationResult lifted = placements("alice").simulatePlacement(usEast);

        assertThat(lifted.getFits()).isTrue();
        assertThat(lifted.getHostId()).isEqualTo(hosts.get("us-1"));
        PlacementSimulationResult forGlobex = placements("admin").simulatePlacement(new PlacementSimulation()
                .workload(Api.sleeper("pool", "0.1", 16)).tenant("globex"));
        assertThat(forGlobex.getExplanation().getRejections()).as("globex is not restricted by acme's labels")
                .noneMatch(r -> "TenantEligibility".equals(r.getFilter()));
    }
}
