package dev.berth.broker.governance;

import java.time.OffsetDateTime;
import java.util.List;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Governance policies end to end: administration, admission and placement enforcement, dry-run, replay. */
@QuarkusTest
class GovernanceTest {

    private String admin;

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        TestDatabase.execute("TRUNCATE policy, policy_version, tenant_profile, admission_record");
        Api.registerLocalDocker("local-docker", new dev.berth.sdk.model.HostCapacity()
                .vcpu(new java.math.BigDecimal("16")).memoryMiB(8192L));
        Api.setQuota("acme", "8", 4096, 10, 10);
        Api.setQuota("globex", "8", 4096, 10, 10);
        admin = Tokens.user("admin");
    }

    private static String policy(String id, String stage, String expression, String effect, String mode, String message) {
        return "{\"id\":\"" + id + "\",\"stage\":\"" + stage + "\",\"expression\":" + quote(expression) + ",\"effect\":\""
                + effect + "\",\"mode\":\"" + mode + "\",\"message\":" + quote(message) + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Response save(String body) {
        return given().auth().oauth2(admin).contentType("application/json").body(body).post("/v1/admin/policies");
    }

    private static Response create(String user, String name, String vcpu) {
        return given().auth().oauth2(Tokens.user(user)).contentType("application/json").body(
                "{\"name\":\"" + name + "\",\"kind\":\"container\",\"image\":\"berth-demo/busybox:1\",\"command\":[\"sleep\",\"60\"],"
                        + "\"resources\":{\"vcpu\":" + vcpu + ",\"memoryMiB\":16}}").post("/v1/workloads");
    }

    @Test
    void policiesAreVersionedWithWhoAndWhenAndOnlyAdminsManageThem() {
        save(policy("small", "admission", "request.resources.vcpu <= 2.0", "deny", "enforce", "too big")).then().statusCode(201)
                .body("version", equalTo(1)).body("updatedBy", equalTo("admin"));
        given().auth().oauth2(admin).contentType("application/json")
                .body(policy("small", "admission", "request.resources.vcpu <= 4.0", "deny", "enforce", "too big"))
                .put("/v1/admin/policies/small").then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(admin).get("/v1/admin/policies/small/versions").then().statusCode(200)
                .body("items.version", equalTo(List.of(1, 2)))
                .body("items[0].expression", equalTo("request.resources.vcpu <= 2.0"));
        given().auth().oauth2(admin).delete("/v1/admin/policies/small").then().statusCode(204);
        given().auth().oauth2(admin).get("/v1/admin/policies/small").then().statusCode(404).body("code", equalTo("policy.not_found"));
        given().auth().oauth2(admin).get("/v1/admin/policies/small/versions").then().body("items.size()", equalTo(3));

        for (String user : List.of("alice", "carol", "bob")) {
            given().auth().oauth2(Tokens.user(user)).get("/v1/admin/tenants/acme/labels").then().statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            given().auth().oauth2(Tokens.user(user)).contentType("application/json").body("{\"tier\":\"large\"}")
                    .put("/v1/admin/tenants/globex/labels").then().statusCode(403);
            given().auth().oauth2(Tokens.user(user)).get("/v1/admin/policies").then().statusCode(403).body("code", equalTo("auth.forbidden"));
            given().auth().oauth2(Tokens.user(user)).contentType("application/json")
                    .body(policy("x", "admission", "true", "deny", "enforce", "")).post("/v1/admin/policies").then().statusCode(403);
        }
    }

    @Test
    void aPolicyThatDoesNotTypeCheckIsRejectedWithPositionsAndNotSaved() {
        save(policy("broken", "admission", "request.resources.vcpu > \"x\"", "deny", "enforce", "")).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("policy.invalid"))
                .body("errors[0].field", org.hamcrest.Matchers.startsWith("expression:1:"));
        save(policy("unknown-var", "admission", "requests.name == 'x'", "deny", "enforce", "")).then().statusCode(422);
        save(policy("not-bool", "admission", "request.name", "deny", "enforce", "")).then().statusCode(422);
        given().auth().oauth2(admin).get("/v1/admin/policies/broken").then().statusCode(404);
        save("{\"id\":\"Bad Id\",\"stage\":\"admission\",\"expression\":\"true\",\"effect\":\"deny\",\"mode\":\"enforce\"}")
                .then().statusCode(400).body("code", equalTo("request.invalid"));
        save("{\"id\":\"x\",\"stage\":\"sometimes\",\"expression\":\"true\",\"effect\":\"deny\",\"mode\":\"enforce\"}")
                .then().statusCode(400);
        // a placement policy named like a built-in filter would be counted under that filter's name
        save("{\"id\":\"cap\",\"name\":\"Capacity\",\"stage\":\"placement\",\"expression\":\"true\",\"effect\":\"deny\","
                + "\"mode\":\"enforce\"}").then().statusCode(400).body("code", equalTo("request.invalid"))
                .body("errors[0].field", equalTo("name"));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM policy")).isZero();
        given().auth().oauth2(admin).contentType("application/json").body("{\"residency\":\"eu\"}")
                .put("/v1/admin/tenants/NOT_A_SLUG/labels").then().statusCode(400).body("code", equalTo("request.invalid"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"bad key\":\"x\"}")
                .put("/v1/admin/tenants/acme/labels").then().statusCode(400);
        given().auth().oauth2(admin).contentType("application/json").body("[\"not\",\"a map\"]")
                .put("/v1/admin/tenants/acme/labels").then().statusCode(400).body("code", equalTo("request.malformed"));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM tenant_profile")).isZero();
    }

    @Test
    void denyWarnAuditAndTenantScope() {
        save(policy("max-2-vcpu", "admission", "request.resources.vcpu <= 2.0", "deny", "enforce",
                "at most 2 vCPU, asked {{ request.resources.vcpu }}")).then().statusCode(201);
        create("alice", "big", "3").then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("policy.denied"))
                .body("violations[0].policyId", equalTo("max-2-vcpu"))
                .body("violations[0].message", equalTo("at most 2 vCPU, asked 3"));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).as("nothing created").isZero();

        save(policy("name-prefix", "admission", "request.name.startsWith('svc-')", "warn", "enforce", "names should start with svc-"))
                .then().statusCode(201);
        create("alice", "web", "1").then().statusCode(202).body("warnings", equalTo(List.of("names should start with svc-")));

        save(policy("no-busybox", "admission", "!request.image.startsWith('berth-demo/busybox')", "deny", "audit",
                "busybox is being phased out")).then().statusCode(201);
        String id = create("alice", "svc-audited", "1").then().statusCode(202).extract().path("workload.id");
        given().auth().oauth2(Tokens.user("alice")).get("/v1/workloads/" + id + "/events").then()
                .body("items.type", org.hamcrest.Matchers.hasItem("policy.audit"));
        given().auth().oauth2(admin).contentType("application/json")
                .body(policy("no-busybox", "admission", "!request.image.startsWith('berth-demo/busybox')", "deny", "enforce",
                        "busybox is being phased out")).put("/v1/admin/policies/no-busybox").then().statusCode(200);
        create("alice", "svc-blocked", "1").then().statusCode(403).body("violations.policyId", org.hamcrest.Matchers.hasItem("no-busybox"));
        given().auth().oauth2(admin).delete("/v1/admin/policies/no-busybox").then().statusCode(204);

        save("{\"id\":\"globex-small\",\"tenant\":\"globex\",\"stage\":\"admission\",\"expression\":\"request.resources.vcpu <= 0.5\","
                + "\"effect\":\"deny\",\"mode\":\"enforce\",\"message\":\"globex: half a vCPU at most\"}").then().statusCode(201);
        create("alice", "svc-acme", "1").then().statusCode(202);
        create("bob", "svc-globex", "1").then().statusCode(403).body("violations[0].message", equalTo("globex: half a vCPU at most"));
    }

    @Test
    void dataResidencyKeepsEuTenantsOnEuHostsEvenWhenOnlyAnotherHostIsFree() {
        TestDatabase.reset();
        registerHost("eu-host", "eu-west", "0.5");
        registerHost("us-host", "us-east", "4");
        Api.setQuota("acme", "8", 4096, 10, 10);
        Api.setQuota("globex", "8", 4096, 10, 10);
        given().auth().oauth2(admin).contentType("application/json").body("{\"residency\":\"eu\"}")
                .put("/v1/admin/tenants/acme/labels").then().statusCode(200).body("residency", equalTo("eu"));
        save(policy("eu-stays-in-eu", "placement",
                "!('residency' in tenant.labels) || tenant.labels['residency'] != 'eu' || host.region.startsWith('eu-')",
                "deny", "enforce", "EU workloads stay in EU regions")).then().statusCode(201);

        create("alice", "svc-eu", "1").then().statusCode(409).body("code", equalTo("placement.no_fit"))
                .body("placement.rejections.filter", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("eu-stays-in-eu")));
        String small = create("alice", "svc-eu-small", "0.25").then().statusCode(202).extract().path("workload.hostId");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host WHERE id = '" + small + "' AND name = 'eu-host'")).isEqualTo(1);
        create("bob", "svc-us", "1").then().statusCode(202);
    }

    @Test
    void evaluateDryRunsADraftWithoutSavingIt() {
        given().auth().oauth2(admin).contentType("application/json").body("{\"draft\":"
                + policy("draft", "admission", "request.resources.memoryMiB <= 64", "deny", "enforce", "too much memory")
                + ",\"sample\":{\"tenant\":\"acme\",\"workload\":{\"name\":\"x\",\"kind\":\"container\",\"image\":\"i\","
                + "\"resources\":{\"vcpu\":1,\"memoryMiB\":128}}}}")
                .post("/v1/admin/policies/evaluate").then().statusCode(200)
                .body("allowed", equalTo(false)).body("outcomes[0].status", equalTo("VIOLATED"))
                .body("outcomes[0].message", equalTo("too much memory"));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM policy")).isZero();

        given().auth().oauth2(admin).contentType("application/json").body("{\"draft\":"
                + policy("only-eu", "placement", "host.region.startsWith('eu-')", "deny", "enforce", "not in the EU")
                + ",\"sample\":{\"tenant\":\"acme\",\"workload\":{\"name\":\"x\",\"kind\":\"container\",\"image\":\"i\","
                + "\"resources\":{\"vcpu\":1,\"memoryMiB\":128}}}}")
                .post("/v1/admin/policies/evaluate").then().statusCode(200)
                .body("hosts.hostName", equalTo(List.of("local-docker")))
                .body("hosts[0].eligible", equalTo(false))
                .body("hosts[0].outcomes[0].message", equalTo("not in the EU"));
    }

    @Test
    void replayReportsExactlyTheRecordedRequestsADraftWouldDeny() {
        OffsetDateTime from = OffsetDateTime.now().minusSeconds(1);
        create("alice", "svc-1", "0.5").then().statusCode(202);
        create("alice", "svc-2", "2").then().statusCode(202);
        create("bob", "svc-3", "3").then().statusCode(202);
        create("bob", "svc-4", "1").then().statusCode(202);
        OffsetDateTime to = OffsetDateTime.now().plusSeconds(1);
        Response replay = given().auth().oauth2(admin).contentType("application/json").body("{\"draft\":"
                + policy("at-most-1", "admission", "request.resources.vcpu <= 1.0", "deny", "enforce", "{{ request.name }} too big")
                + ",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}").post("/v1/admin/policies/replay");
        replay.then().statusCode(200).body("requestsEvaluated", equalTo(4));
        assertThat(replay.jsonPath().getList("wouldDeny.name", String.class)).containsExactly("svc-2", "svc-3");
        assertThat(replay.jsonPath().getList("wouldDeny.message", String.class)).containsExactly("svc-2 too big", "svc-3 too big");
    }

    private void registerHost(String name, String region, String vcpu) {
        given().auth().oauth2(admin).contentType("application/json").body("{\"name\":\"" + name + "\",\"driver\":\"docker\","
                + "\"endpoint\":\"unix:///var/run/docker.sock\",\"labels\":{\"region\":\"" + region + "\"},"
                + "\"capacity\":{\"vcpu\":" + vcpu + ",\"memoryMiB\":2048}}").post("/v1/admin/hosts").then().statusCode(201);
    }

}
