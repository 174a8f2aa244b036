package dev.berth.broker.hosts;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.HostHealth;
import dev.berth.sdk.model.HostUpdate;
import dev.berth.sdk.model.Overcommit;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/** Host administration by platform admins, against the real local Docker engine. */
@QuarkusTest
class HostAdminTest {

    @Inject
    HostService hostService;

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    @Test
    void registerReadsCapacityFromTheEngineAndProbesHealth() throws ApiException {
        Host host = Api.registerLocalDocker("engine-1", null);
        assertThat(host.getCapacity().getVcpu()).isEqualByComparingTo(BigDecimal.valueOf(Runtime.getRuntime().availableProcessors()));
        assertThat(host.getCapacity().getMemoryMiB()).isPositive();
        assertThat(host.getAllocatable()).isEqualTo(host.getCapacity());
        assertThat(host.getSupportedKinds()).containsExactly(WorkloadKind.CONTAINER);
        assertThat(host.getHealth().getStatus()).isEqualTo(HostHealth.StatusEnum.HEALTHY);
        assertThat(host.getVersion()).isNotBlank();
        assertThat(host.getLabels()).containsEntry("zone", "local");
        assertThat(host.getMaxInstances()).as("a registered host has no instance limit").isNull();
    }

    @Test
    void adminUpdatesCordonsListsAndRemoves() throws ApiException {
        Api admin = Api.as("admin");
        Host host = Api.registerLocalDocker("engine-1", new HostCapacity().vcpu(new BigDecimal("2")).memoryMiB(2048L));
        Host updated = admin.hosts().updateHost(host.getId(), new HostUpdate()
                .overcommit(new Overcommit().cpu(new BigDecimal("4"))).labels(Map.of("tier", "gold")));
        assertThat(updated.getAllocatable().getVcpu()).isEqualByComparingTo("8");
        assertThat(updated.getAllocatable().getMemoryMiB()).isEqualTo(2048);
        assertThat(updated.getLabels()).containsExactly(Map.entry("tier", "gold"));

        assertThat(admin.hosts().cordonHost(host.getId()).getCordoned()).isTrue();
        assertThat(admin.hosts().uncordonHost(host.getId()).getCordoned()).isFalse();

        Api.registerLocalDocker("engine-2", null);
        var page = admin.hosts().listHosts(1, null);
        assertThat(page.getItems()).hasSize(1);
        assertThat(admin.hosts().listHosts(1, page.getNextPageToken()).getItems()).hasSize(1);

        admin.hosts().removeHost(host.getId());
        ApiException gone = catchThrowableOfType(ApiException.class, () -> admin.hosts().getHost(host.getId()));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(BerthProblems.code(gone)).isEqualTo("host.not_found");
    }

    /** An update without labels kept none: the generated model starts labels as {}, which replaced the set. */
    @Test
    void updateWithoutLabelsKeepsTheHostsLabels() throws ApiException {
        Host host = Api.registerLocalDocker("engine-1", null);
        Host updated = Api.as("admin").hosts().updateHost(host.getId(),
                new HostUpdate().overcommit(new Overcommit().cpu(new BigDecimal("2"))));
        assertThat(updated.getLabels()).containsExactly(Map.entry("zone", "local"));
    }

    @Test
    void cordonedHostTakesNoNewWorkloads() throws ApiException {
        Host host = Api.registerLocalDocker("engine-1", null);
        Api.setQuota("acme", "2", 1024, 10, 5);
        Api.as("admin").hosts().cordonHost(host.getId());
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> Api.as("alice").workloads().createWorkload(Api.sleeper("nope", "0.1", 16), null));
        assertThat(e.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(e)).isEqualTo("placement.no_fit");
        assertThat(e.getResponseBody()).contains("\"filter\":\"HealthAndCordon\"", "\"reason\":\"cordoned\"");
        assertThat(Api.as("alice").quota().getQuota().getUsage().getInstances()).isZero();
    }

    @Test
    void hostInUseCannotBeRemovedAndCapacityCannotDropBelowAllocation() throws Exception {
        Host host = Api.registerLocalDocker("engine-1", new HostCapacity().vcpu(new BigDecimal("2")).memoryMiB(2048L));
        Api.setQuota("acme", "2", 1024, 10, 5);
        Api alice = Api.as("alice");
        UUID id = alice.workloads().createWorkload(Api.sleeper("pinned", "1", 256), null).getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.RUNNING);

        ApiException inUse = catchThrowableOfType(ApiException.class, () -> Api.as("admin").hosts().removeHost(host.getId()));
        assertThat(inUse.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(inUse)).isEqualTo("host.in_use");

        ApiException below = catchThrowableOfType(ApiException.class, () -> Api.as("admin").hosts().updateHost(host.getId(),
                new HostUpdate().capacity(new HostCapacity().vcpu(new BigDecimal("0.5")))));
        assertThat(below.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(below)).isEqualTo("host.capacity_below_allocation");
        assertThat(Api.as("admin").hosts().getHost(host.getId()).getCapacity().getVcpu()).isEqualByComparingTo("2");
    }

    @Test
    void unreachableEngineIsRefusedUnlessCapacityIsGivenThenShowsUnhealthy() throws ApiException {
        Api admin = Api.as("admin");
        HostCreate request = new HostCreate().name("ghost").driver(HostDriver.DOCKER).endpoint("unix:///nonexistent/docker.sock");
        ApiException e = catchThrowableOfType(ApiException.class, () -> admin.hosts().registerHost(request));
        assertThat(e.getCode()).isEqualTo(422);
        assertThat(BerthProblems.code(e)).isEqualTo("host.unreachable");

        Host ghost = admin.hosts().registerHost(request.capacity(new HostCapacity().vcpu(BigDecimal.ONE).memoryMiB(512L)));
        assertThat(ghost.getHealth().getStatus()).isEqualTo(HostHealth.StatusEnum.UNHEALTHY);
        hostService.probeAll();
        assertThat(admin.hosts().getHost(ghost.getId()).getHealth().getCheckedAt()).isAfterOrEqualTo(ghost.getHealth().getCheckedAt());
        assertThat(admin.hosts().getHost(ghost.getId()).getHealth().getStatus()).isEqualTo(HostHealth.StatusEnum.UNHEALTHY);
    }

    @Test
    void duplicateNameIsConflict() {
        Api.registerLocalDocker("engine-1", null);
        ApiException e = catchThrowableOfType(ApiException.class, () -> Api.as("admin").hosts().registerHost(
                new HostCreate().name("engine-1").driver(HostDriver.DOCKER).endpoint("unix:///var/run/docker.sock")));
        assertThat(e.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(e)).isEqualTo("host.name_taken");
    }

    @Test
    void tenantsCannotAdministerHostsOrQuotas() {
        for (String user : new String[] {"alice", "carol"}) {
            String token = Tokens.user(user);
            given().auth().oauth2(token).get("/v1/admin/hosts").then().statusCode(403)
                    .contentType("application/problem+json").body("code", equalTo("auth.forbidden"));
            given().auth().oauth2(token).contentType("application/json")
                    .body("{\"vcpu\":100,\"memoryMiB\":1,\"diskGiB\":1,\"instances\":100}")
                    .put("/v1/admin/tenants/acme/quota").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        }
        given().auth().oauth2(Tokens.user("admin")).get("/v1/quota").then().statusCode(403);
    }

    @Test
    void badHostInputIsRejected() {
        String admin = Tokens.user("admin");
        for (String body : new String[] {
                "{\"name\":\"x\",\"driver\":\"docker\",\"endpoint\":\"http://127.0.0.1:2375\"}",
                "{\"name\":\"Bad Name\",\"driver\":\"docker\",\"endpoint\":\"unix:///var/run/docker.sock\"}",
                "{\"name\":\"x\",\"driver\":\"docker\",\"endpoint\":\"unix:///var/run/docker.sock\",\"overcommit\":{\"cpu\":-1}}",
                "{\"name\":\"x\",\"driver\":\"docker\",\"endpoint\":\"unix:///var/run/docker.sock\",\"capacity\":{\"memoryMiB\":0}}",
                "{\"name\":\"x\",\"endpoint\":\"unix:///var/run/docker.sock\"}"}) {
            given().auth().oauth2(admin).contentType("application/json").body(body).post("/v1/admin/hosts")
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("request.invalid"));
        }
        given().auth().oauth2(admin).contentType("application/json").body("{\"name\":\"x\",\"driver\":\"vmware\",\"endpoint\":\"unix:///x\"}")
                .post("/v1/admin/hosts").then().statusCode(400).body("code", equalTo("request.malformed"));
        given().auth().oauth2(admin).get("/v1/admin/hosts/not-a-uuid").then().statusCode(400).body("code", equalTo("request.invalid"));
        given().auth().oauth2(admin).get("/v1/admin/hosts/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("host.not_found"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"vcpu\":-1,\"memoryMiB\":1,\"diskGiB\":1,\"instances\":1}")
                .put("/v1/admin/tenants/acme/quota").then().statusCode(400).body("code", equalTo("request.invalid"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"vcpu\":1,\"memoryMiB\":1,\"diskGiB\":1,\"instances\":1}")
                .put("/v1/admin/tenants/NOT_A_SLUG/quota").then().statusCode(400).body("code", equalTo("request.invalid"));
    }
}
