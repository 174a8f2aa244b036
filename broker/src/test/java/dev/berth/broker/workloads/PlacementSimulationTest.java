package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.util.List;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.PlacementsApi;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.PlacementSimulation;
import dev.berth.sdk.model.PlacementSimulationResult;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthClients;
import dev.berth.sdk.support.BerthProblems;
import dev.berth.broker.testsupport.BrokerUnderTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/** What-if placement: same answer a create would get, and nothing changes. */
@QuarkusTest
class PlacementSimulationTest {

    private Host host;

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        host = Api.registerLocalDocker("sim-host", new HostCapacity().vcpu(new BigDecimal("2")).memoryMiB(1024L));
        Api.setQuota("acme", "4", 4096, 10, 10);
    }

    private static PlacementsApi placements(String user) {
        return new PlacementsApi(BerthClients.withBearerToken(BrokerUnderTest.baseUrl(), () -> Tokens.user(user)));
    }

    @Test
    void simulationAnswersLikeACreateAndChangesNothing() throws Exception {
        String before = snapshotOfState();
        PlacementSimulationResult fits = placements("alice").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("what-if", "1", 256)));
        assertThat(fits.getFits()).isTrue();
        assertThat(fits.getQuotaOk()).isTrue();
        assertThat(fits.getHostId()).isEqualTo(host.getId());
        assertThat(fits.getExplanation().getCandidates()).extracting(c -> c.getHostName()).containsExactly("sim-host");

        PlacementSimulationResult tooBig = placements("alice").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("what-if", "3", 256)));
        assertThat(tooBig.getFits()).isFalse();
        assertThat(tooBig.getHostId()).isNull();
        assertThat(tooBig.getExplanation().getRejections())
                .anySatisfy(r -> assertThat(r.getReason()).isEqualTo("insufficient_cpu"));

        PlacementSimulationResult overQuota = placements("alice").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("what-if", "1", 8192)));
        assertThat(overQuota.getQuotaOk()).isFalse();
        assertThat(overQuota.getQuotaDetail()).contains("memoryMiB");
        assertThat(snapshotOfState()).as("no rows, usage or allocation changed").isEqualTo(before);

        var created = Api.as("alice").workloads().createWorkload(Api.sleeper("real", "1", 256), null);
        assertThat(created.getWorkload().getHostId()).isEqualTo(fits.getHostId());
        Api.as("alice").awaitStatus(created.getWorkload().getId(), WorkloadStatus.RUNNING);
    }

    @Test
    void tenantsSimulateOnlyForThemselvesAdminsForAnyone() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> placements("alice").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("x", "1", 64)).tenant("globex")));
        assertThat(e.getCode()).isEqualTo(403);
        assertThat(BerthProblems.code(e)).isEqualTo("auth.forbidden");

        PlacementSimulationResult forGlobex = placements("admin").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("x", "1", 64)).tenant("globex"));
        assertThat(forGlobex.getQuotaOk()).as("globex has no quota").isFalse();

        ApiException noTenant = catchThrowableOfType(ApiException.class, () -> placements("admin").simulatePlacement(
                new PlacementSimulation().workload(Api.sleeper("x", "1", 64))));
        assertThat(BerthProblems.code(noTenant)).isEqualTo("auth.no_tenant");
    }

    @Test
    void badSimulationInputIsRejected() {
        String token = Tokens.user("alice");
        for (String body : List.of("{}", "{\"workload\":{\"name\":\"x\"}}", "{\"workload\":" + """
                {"name":"x","kind":"container","image":"i","resources":{"vcpu":1,"memoryMiB":64}},"tenant":"NOT A SLUG"}""",
                "{\"workload\":{\"name\":\"x\",\"kind\":\"container\",\"image\":\"i\",\"resources\":{\"vcpu\":1,\"memoryMiB\":64}},\"extra\":1}")) {
            given().auth().oauth2(token).contentType("application/json").body(body).post("/v1/placements/simulate")
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("request.invalid"));
        }
        given().contentType("application/json").body("{}").post("/v1/placements/simulate")
                .then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
    }

    private static String snapshotOfState() {
        return TestDatabase.longValue("SELECT count(*) FROM workload") + "/"
                + TestDatabase.longValue("SELECT count(*) FROM operation") + "/"
                + TestDatabase.longValue("SELECT count(*) FROM event") + "/"
                + TestDatabase.longValue("SELECT count(*) FROM idempotency_key") + "/"
                + TestDatabase.longValue("SELECT allocated_milli_cpu + allocated_memory_mib + allocated_instances FROM host") + "/"
                + TestDatabase.longValue("SELECT used_milli_cpu + used_memory_mib + used_instances FROM tenant_quota");
    }
}
