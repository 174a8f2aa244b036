package dev.berth.broker.workloads;

import java.util.stream.Stream;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.Resources;
import dev.berth.grpc.v1.TenantLabels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 13, finding 6: a body two parsers could read differently is refused, not guessed at
 * (duplicate keys, data after the value, 16.5 read as 16, "16" read as 16), label keys and
 * values are held to the spec's limits, and a request the chosen host's driver cannot run
 * (a 4 MiB container on Docker) is refused at admission — each with 400 naming the field and
 * nothing stored, on REST and gRPC.
 */
@QuarkusTest
class StrictRequestsTest {

    private static final String VALID = """
            {"name":"ok","kind":"container","image":"berth-demo/busybox:1","command":["sleep","60"],
             "resources":{"vcpu":0.1,"memoryMiB":16},"labels":{"team":"web"}}""";

    private String token;

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "2", 1024, 10, 5);
        token = Tokens.user("alice");
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isZero();
        assertThat(TestDatabase.longValue("SELECT count(*) FROM operation")).isZero();
        assertThat(TestDatabase.longValue("SELECT count(*) FROM event")).isZero();
        assertThat(TestDatabase.longValue("SELECT count(*) FROM idempotency_key")).isZero();
        assertThat(TestDatabase.longValue("SELECT count(*) FROM tenant_profile")).isZero();
        assertThat(TestDatabase.longValue(
                "SELECT used_instances + used_milli_cpu + used_memory_mib FROM tenant_quota WHERE tenant = 'acme'")).isZero();
        assertThat(TestDatabase.longValue("SELECT allocated_instances FROM host")).isZero();
    }

    static Stream<Arguments> ambiguousOrCoercedBodies() {
        return Stream.of(
                Arguments.of("duplicate key", VALID.replace("{\"name\":\"ok\",", "{\"name\":\"ok\",\"name\":\"other\","),
                        "request.malformed", "name"),
                Arguments.of("duplicate nested key", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":16,\"memoryMiB\":512"),
                        "request.malformed", "resources.memoryMiB"),
                Arguments.of("duplicate label key", VALID.replace("\"team\":\"web\"", "\"team\":\"web\",\"team\":\"db\""),
                        "request.malformed", "labels.team"),
                Arguments.of("trailing object", VALID + "{}", "request.malformed", null),
                Arguments.of("trailing garbage", VALID + " ]x", "request.malformed", null),
                Arguments.of("fractional integer", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":16.5"),
                        "request.malformed", "resources.memoryMiB"),
                Arguments.of("integer in exponent form", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":1.6e1"),
                        "request.malformed", "resources.memoryMiB"),
                Arguments.of("number as string", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":\"16\""),
                        "request.malformed", "resources.memoryMiB"),
                Arguments.of("decimal as string", VALID.replace("\"vcpu\":0.1", "\"vcpu\":\"0.1\""),
                        "request.malformed", "resources.vcpu"),
                Arguments.of("string as number", VALID.replace("\"name\":\"ok\"", "\"name\":5"), "request.malformed", "name"),
                Arguments.of("label value as number", VALID.replace("\"team\":\"web\"", "\"team\":7"),
                        "request.malformed", "labels.team"),
                Arguments.of("boolean as number", VALID.replace("{\"name\"", "{\"untrusted\":1,\"name\""),
                        "request.malformed", "untrusted"),
                Arguments.of("boolean as string", VALID.replace("{\"name\"", "{\"untrusted\":\"true\",\"name\""),
                        "request.malformed", "untrusted"),
                Arguments.of("enum as number", VALID.replace("\"container\"", "0"), "request.malformed", "kind"),
                Arguments.of("single value for an array", VALID.replace("[\"sleep\",\"60\"]", "\"sleep\""),
                        "request.malformed", "command"),
                Arguments.of("oversized label value", VALID.replace("\"web\"", "\"" + "v".repeat(254) + "\""),
                        "request.invalid", "labels.team"),
                Arguments.of("oversized label key", VALID.replace("\"team\"", "\"" + "k".repeat(64) + "\""),
                        "request.invalid", "labels." + "k".repeat(64)),
                Arguments.of("label key outside the alphabet", VALID.replace("\"team\"", "\"te am\""),
                        "request.invalid", "labels.te am"),
                Arguments.of("960 KB of labels", VALID.replace("\"team\":\"web\"", manyLabels(32, 30_000)),
                        "request.invalid", "labels.l0"),
                Arguments.of("33 labels", VALID.replace("\"team\":\"web\"", manyLabels(33, 1)), "request.invalid", "labels"),
                Arguments.of("oversized required-label value", VALID.replace("{\"name\"",
                        "{\"placement\":{\"requiredLabels\":{\"zone\":\"" + "z".repeat(254) + "\"}},\"name\""),
                        "request.invalid", "placement.requiredLabels.zone"),
                Arguments.of("oversized env value", VALID.replace("{\"name\"", "{\"env\":{\"A\":\"" + "e".repeat(4097) + "\"},\"name\""),
                        "request.invalid", "env.A"),
                Arguments.of("memory under Docker's minimum", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":4"),
                        "request.invalid", "resources.memoryMiB"));
    }

    @ParameterizedTest(name = "{0} → 400 {2}")
    @MethodSource("ambiguousOrCoercedBodies")
    void ambiguousOrCoercedBodiesAreRefused(String what, String body, String code, String field) {
        Response response = given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/v1/workloads");

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        if (field != null) {
            assertThat(response.jsonPath().getList("errors.field", String.class)).as(response.body().asString()).contains(field);
        }
    }

    @Test
    void dockerMinimumIsExplained() {
        given().auth().oauth2(token).contentType("application/json").body(VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":5"))
                .when().post("/v1/workloads")
                .then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("request.invalid"))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("resources.memoryMiB"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("6 MiB"));
    }

    @Test
    void tenantLabelsAreHeldToTheSameLimits() {
        String admin = Tokens.user("admin");
        for (String body : new String[] {"{\"tier\":\"" + "g".repeat(254) + "\"}", "{\"" + "k".repeat(64) + "\":\"gold\"}",
                "{\"tier\":\"gold\",\"tier\":\"silver\"}", "{\"tier\":\"gold\"} {}"}) {
            given().auth().oauth2(admin).contentType("application/json").body(body)
                    .when().put("/v1/admin/tenants/acme/labels")
                    .then().statusCode(400);
        }
    }

    @Test
    void grpcHoldsLabelsAndMinimumsToTheSameLimits() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            CreateWorkloadRequest valid = CreateWorkloadRequest.newBuilder().setName("ok").setKind("container")
                    .setImage("berth-demo/busybox:1").addCommand("sleep").addCommand("60")
                    .setResources(Resources.newBuilder().setMilliCpu(100).setMemoryMib(16)).build();
            for (CreateWorkloadRequest bad : new CreateWorkloadRequest[] {
                    valid.toBuilder().putLabels("team", "v".repeat(254)).build(),
                    valid.toBuilder().putLabels("k".repeat(64), "web").build(),
                    valid.toBuilder().putLabels("te am", "web").build(),
                    valid.toBuilder().setResources(Resources.newBuilder().setMilliCpu(100).setMemoryMib(4)).build()}) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                        () -> grpc.workloads(token).createWorkload(bad));
                assertThat(e.getStatus().getCode()).as(bad.getLabelsMap().keySet() + " " + bad.getResources().getMemoryMib()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(GrpcCalls.errorCode(e)).isEqualTo("request.invalid");
            }
            StatusRuntimeException tenantLabels = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.policies(Tokens.user("admin")).setTenantLabels(TenantLabels.newBuilder().setTenant("acme")
                            .putLabels("tier", "g".repeat(254)).build()));
            assertThat(GrpcCalls.errorCode(tenantLabels)).isEqualTo("request.invalid");
        }
    }

    private static String manyLabels(int count, int valueLength) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"").append("v".repeat(valueLength)).append('"');
        }
        return s.toString();
    }
}
