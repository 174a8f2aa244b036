package dev.berth.broker.workloads;

import java.math.BigDecimal;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.SimulatePlacementRequest;
import dev.berth.grpc.v1.SimulatePlacementResponse;
import dev.berth.grpc.v1.WorkloadsGrpc;
import dev.berth.sdk.model.HostCapacity;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * A simulation runs the admission policies a create runs first: a denial is the answer
 * whatever quota and fleet say, warnings are shown, and nothing is recorded (no admission
 * record for replay, no event, no row).
 */
@QuarkusTest
class SimulatedPoliciesTest {

    private String admin;

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        TestDatabase.execute("TRUNCATE policy, policy_version, tenant_profile, admission_record");
        Api.registerLocalDocker("sim-host", new HostCapacity().vcpu(new BigDecimal("16")).memoryMiB(8192L));
        Api.setQuota("acme", "8", 4096, 10, 10);
        Api.setQuota("globex", "8", 4096, 10, 10);
        admin = Tokens.user("admin");
    }

    @Test
    void aDeniedSimulationDoesNotFitSaysWhyAndWritesNothing() {
        savePolicy("max-2-vcpu", null, "request.resources.vcpu <= 2.0", "deny", "at most 2 vCPU, asked {{ request.resources.vcpu }}");
        String before = rowCounts();

        simulate("alice", workload("big", "3"), null).then().statusCode(200)
                .body("fits", equalTo(false))
                .body("quotaOk", equalTo(true))
                .body("policies.allowed", equalTo(false))
                .body("policies.denials[0].policyId", equalTo("max-2-vcpu"))
                .body("policies.denials[0].policyVersion", equalTo(1))
                .body("policies.denials[0].message", equalTo("at most 2 vCPU, asked 3"))
                .body("policies.warnings", empty())
                // Where it would otherwise have landed is still shown.
                .body("hostName", equalTo("sim-host"));
        simulate("alice", workload("small", "1"), null).then().statusCode(200)
                .body("fits", equalTo(true)).body("policies.allowed", equalTo(true)).body("policies.denials", empty());
        assertThat(rowCounts()).as("simulation wrote no workload, event, operation or admission record").isEqualTo(before);

        // The create says the same, in the same shape, and (unlike the simulation) leaves its admission record.
        create("alice", "big", "3").then().statusCode(403).body("code", equalTo("policy.denied"))
                .body("violations[0].policyId", equalTo("max-2-vcpu"))
                .body("violations[0].policyVersion", equalTo(1))
                .body("violations[0].message", equalTo("at most 2 vCPU, asked 3"));
        assertThat(TestDatabase.longValue("SELECT count(*) FROM admission_record")).isEqualTo(1);
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isZero();
    }

    @Test
    void aWarningIsShownAndTheSimulationStillFits() {
        savePolicy("name-prefix", null, "request.name.startsWith('svc-')", "warn", "names should start with svc-");
        String before = rowCounts();
        simulate("alice", workload("web", "1"), null).then().statusCode(200)
                .body("fits", equalTo(true))
                .body("policies.allowed", equalTo(true))
                .body("policies.denials", empty())
                .body("policies.warnings[0].policyId", equalTo("name-prefix"))
                .body("policies.warnings[0].policyVersion", equalTo(1))
                .body("policies.warnings[0].message", equalTo("names should start with svc-"));
        simulate("alice", workload("svc-web", "1"), null).then().statusCode(200).body("policies.warnings", empty());
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void theSimulatedTenantsPoliciesApplyAndOnlyAdminsNameAnotherTenant() {
        savePolicy("globex-small", "globex", "request.resources.vcpu <= 0.5", "deny", "globex: half a vCPU at most");
        String before = rowCounts();

        simulate("admin", workload("x", "1"), "globex").then().statusCode(200)
                .body("fits", equalTo(false)).body("policies.allowed", equalTo(false))
                .body("policies.denials[0].policyId", equalTo("globex-small"))
                .body("policies.denials[0].message", equalTo("globex: half a vCPU at most"));
        simulate("admin", workload("x", "1"), "acme").then().statusCode(200)
                .body("fits", equalTo(true)).body("policies.allowed", equalTo(true));
        simulate("alice", workload("x", "1"), null).then().statusCode(200).body("policies.allowed", equalTo(true));
        simulate("bob", workload("x", "1"), null).then().statusCode(200)
                .body("fits", equalTo(false)).body("policies.denials[0].policyId", equalTo("globex-small"));
        // A tenant may not ask about another tenant, not even to learn its policies' verdict.
        simulate("alice", workload("x", "1"), "globex").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        simulate("bob", workload("x", "1"), "acme").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void badInputIsRejectedBeforeAnyPolicyIsAsked() {
        savePolicy("deny-all", null, "false", "deny", "nothing gets in");
        String before = rowCounts();
        given().auth().oauth2(Tokens.user("alice")).contentType("application/json")
                .body("{\"workload\":{\"name\":\"Not Valid\",\"kind\":\"container\",\"image\":\"i\","
                        + "\"resources\":{\"vcpu\":1,\"memoryMiB\":64}}}")
                .post("/v1/placements/simulate").then().statusCode(400).body("code", equalTo("request.invalid"));
        given().auth().oauth2(Tokens.user("alice")).contentType("application/json")
                .body("{\"workload\":" + workload("x", "1") + ",\"policies\":{\"allowed\":true}}")
                .post("/v1/placements/simulate").then().statusCode(400).body("code", equalTo("request.invalid"));
        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException bad = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.workloads(Tokens.user("alice"))
                    .simulatePlacement(SimulatePlacementRequest.newBuilder().setWorkload(grpcWorkload("Not Valid", 1000)).build()));
            assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(bad)).isEqualTo("request.invalid");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void grpcReportsTheSameVerdict() throws Exception {
        savePolicy("max-2-vcpu", null, "request.resources.vcpu <= 2.0", "deny", "at most 2 vCPU");
        savePolicy("name-prefix", null, "request.name.startsWith('svc-')", "warn", "names should start with svc-");
        savePolicy("globex-small", "globex", "request.resources.vcpu <= 0.5", "deny", "globex: half a vCPU at most");
        String before = rowCounts();
        try (GrpcCalls grpc = new GrpcCalls()) {
            WorkloadsGrpc.WorkloadsBlockingStub alice = grpc.workloads(Tokens.user("alice"));
            SimulatePlacementResponse denied = alice.simulatePlacement(
                    SimulatePlacementRequest.newBuilder().setWorkload(grpcWorkload("big", 3000)).build());
            assertThat(denied.getFits()).isFalse();
            assertThat(denied.getQuotaOk()).isTrue();
            assertThat(denied.getHostName()).isEqualTo("sim-host");
            assertThat(denied.getPolicies().getAllowed()).isFalse();
            assertThat(denied.getPolicies().getDenialsList()).singleElement().satisfies(d -> {
                assertThat(d.getPolicyId()).isEqualTo("max-2-vcpu");
                assertThat(d.getPolicyVersion()).isEqualTo(1);
                assertThat(d.getMessage()).isEqualTo("at most 2 vCPU");
            });
            assertThat(denied.getPolicies().getWarningsList()).extracting(w -> w.getPolicyId()).containsExactly("name-prefix");

            SimulatePlacementResponse fine = alice.simulatePlacement(
                    SimulatePlacementRequest.newBuilder().setWorkload(grpcWorkload("svc-web", 1000)).build());
            assertThat(fine.getFits()).isTrue();
            assertThat(fine.getPolicies().getAllowed()).isTrue();
            assertThat(fine.getPolicies().getDenialsList()).isEmpty();
            assertThat(fine.getPolicies().getWarningsList()).isEmpty();

            // globex's own policy applies to globex's own simulation, not to acme's.
            SimulatePlacementResponse bob = grpc.workloads(Tokens.user("bob")).simulatePlacement(
                    SimulatePlacementRequest.newBuilder().setWorkload(grpcWorkload("svc-web", 1000)).build());
            assertThat(bob.getPolicies().getDenialsList()).extracting(d -> d.getPolicyId()).containsExactly("globex-small");

            StatusRuntimeException foreign = catchThrowableOfType(StatusRuntimeException.class, () -> alice.simulatePlacement(
                    SimulatePlacementRequest.newBuilder().setWorkload(grpcWorkload("svc-web", 1000)).setTenant("globex").build()));
            assertThat(foreign.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

            // A platform admin may simulate for any tenant over gRPC too, and gets that tenant's verdict.
            SimulatePlacementResponse forGlobex = grpc.workloads(Tokens.user("admin")).simulatePlacement(
                    SimulatePlacementRequest.newBuilder().setWorkload(grpcWorkload("svc-web", 1000)).setTenant("globex").build());
            assertThat(forGlobex.getPolicies().getDenialsList()).extracting(d -> d.getPolicyId()).containsExactly("globex-small");
            SimulatePlacementResponse forAcme = grpc.workloads(Tokens.user("admin")).simulatePlacement(
                    SimulatePlacementRequest.newBuilder().setWorkload(grpcWorkload("svc-web", 1000)).setTenant("acme").build());
            assertThat(forAcme.getPolicies().getAllowed()).isTrue();
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    private void savePolicy(String id, String tenant, String expression, String effect, String message) {
        given().auth().oauth2(admin).contentType("application/json").body("{\"id\":\"" + id + "\","
                        + (tenant == null ? "" : "\"tenant\":\"" + tenant + "\",")
                        + "\"stage\":\"admission\",\"expression\":" + quote(expression) + ",\"effect\":\"" + effect
                        + "\",\"mode\":\"enforce\",\"message\":" + quote(message) + "}")
                .post("/v1/admin/policies").then().statusCode(201);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String workload(String name, String vcpu) {
        return "{\"name\":\"" + name + "\",\"kind\":\"container\",\"image\":\"berth-demo/busybox:1\",\"command\":[\"sleep\",\"60\"],"
                + "\"resources\":{\"vcpu\":" + vcpu + ",\"memoryMiB\":16}}";
    }

    private static CreateWorkloadRequest grpcWorkload(String name, int milliCpu) {
        return CreateWorkloadRequest.newBuilder().setName(name).setKind("container").setImage("berth-demo/busybox:1")
                .addCommand("sleep").addCommand("60").setResources(Resources.newBuilder().setMilliCpu(milliCpu).setMemoryMib(16))
                .build();
    }

    private static Response simulate(String user, String workload, String tenant) {
        return given().auth().oauth2(Tokens.user(user)).contentType("application/json")
                .body("{\"workload\":" + workload + (tenant == null ? "" : ",\"tenant\":\"" + tenant + "\"") + "}")
                .post("/v1/placements/simulate");
    }

    private static Response create(String user, String name, String vcpu) {
        return given().auth().oauth2(Tokens.user(user)).contentType("application/json").body(workload(name, vcpu))
                .post("/v1/workloads");
    }

    private static String rowCounts() {
        return TestDatabase.longValue("SELECT count(*) FROM workload") + "/"
                + TestDatabase.longValue("SELECT count(*) FROM operation") + "/"
                + TestDatabase.longValue("SELECT count(*) FROM event") + "/"
                + TestDatabase.longValue("SELECT count(*) FROM admission_record") + "/"
                + TestDatabase.longValue("SELECT count(*) FROM idempotency_key") + "/"
                + TestDatabase.longValue("SELECT allocated_milli_cpu + allocated_memory_mib + allocated_instances FROM host") + "/"
                + TestDatabase.longValue("SELECT used_milli_cpu + used_memory_mib + used_instances FROM tenant_quota WHERE tenant = 'acme'");
    }
}
