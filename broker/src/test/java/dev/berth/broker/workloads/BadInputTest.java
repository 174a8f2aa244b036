package dev.berth.broker.workloads;

import java.util.stream.Stream;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.GetWorkloadRequest;
import dev.berth.grpc.v1.Resources;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/**
 * Bad input gets a clear problem+json with a stable code, and nothing is stored: no
 * workload row, no operation, no quota consumed, no container.
 */
@QuarkusTest
class BadInputTest {

    private static final String VALID = """
            {"name":"ok","kind":"container","image":"berth-demo/busybox:1","command":["sleep","60"],
             "resources":{"vcpu":0.1,"memoryMiB":16}}""";

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
        assertThat(TestDatabase.longValue("SELECT count(*) FROM idempotency_key")).isZero();
        assertThat(TestDatabase.longValue(
                "SELECT used_instances + used_milli_cpu + used_memory_mib FROM tenant_quota WHERE tenant = 'acme'")).isZero();
        assertThat(TestDatabase.longValue("SELECT allocated_instances FROM host")).isZero();
    }

    static Stream<Arguments> badCreateBodies() {
        return Stream.of(
                Arguments.of("missing resources", "{\"name\":\"a\",\"kind\":\"container\",\"image\":\"x\"}", 400, "request.invalid"),
                Arguments.of("missing memory", VALID.replace(",\"memoryMiB\":16", ""), 400, "request.invalid"),
                Arguments.of("negative memory", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":-16"), 400, "request.invalid"),
                Arguments.of("zero vcpu", VALID.replace("\"vcpu\":0.1", "\"vcpu\":0"), 400, "request.invalid"),
                Arguments.of("huge vcpu", VALID.replace("\"vcpu\":0.1", "\"vcpu\":100000"), 400, "request.invalid"),
                Arguments.of("huge memory", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":99999999999"), 400, "request.invalid"),
                Arguments.of("sub-millicore vcpu", VALID.replace("\"vcpu\":0.1", "\"vcpu\":0.0001"), 400, "request.invalid"),
                Arguments.of("negative disk", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":16,\"diskGiB\":-1"), 400, "request.invalid"),
                Arguments.of("bad name", VALID.replace("\"name\":\"ok\"", "\"name\":\"Not_OK!\""), 400, "request.invalid"),
                Arguments.of("bad image", VALID.replace("berth-demo/busybox:1", "bad image;rm"), 400, "request.invalid"),
                Arguments.of("bad env name", VALID.replace("\"command\"", "\"env\":{\"1BAD\":\"x\"},\"command\""), 400, "request.invalid"),
                Arguments.of("bad label key", VALID.replace("\"command\"", "\"labels\":{\"bad key\":\"x\"},\"command\""), 400, "request.invalid"),
                Arguments.of("unknown field", VALID.replace("\"name\"", "\"color\":\"red\",\"name\""), 400, "request.invalid"),
                Arguments.of("unknown nested field", VALID.replace("\"vcpu\"", "\"gpus\":1,\"vcpu\""), 400, "request.invalid"),
                Arguments.of("unknown kind", VALID.replace("\"container\"", "\"spaceship\""), 400, "request.malformed"),
                Arguments.of("wrong type", VALID.replace("\"memoryMiB\":16", "\"memoryMiB\":\"lots\""), 400, "request.malformed"),
                Arguments.of("malformed JSON", "{\"name\": ", 400, "request.malformed"),
                Arguments.of("not an object", "[1,2,3]", 400, "request.malformed"),
                Arguments.of("empty body", "", 400, "request.invalid"));
    }

    @ParameterizedTest(name = "{0} → {2} {3}")
    @MethodSource("badCreateBodies")
    void badCreateBodiesAreRejected(String what, String body, int status, String code) {
        given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/v1/workloads")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("status", equalTo(status));
    }

    @Test
    void oversizedBodyIsTooLarge() {
        String huge = VALID.replace("\"command\":[\"sleep\",\"60\"]", "\"command\":[\"" + "x".repeat(2 * 1024 * 1024) + "\"]");
        given().auth().oauth2(token).contentType("application/json").body(huge)
                .when().post("/v1/workloads")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("request.too_large"));
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        given().auth().oauth2(token).contentType("text/plain").body(VALID)
                .when().post("/v1/workloads")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("request.unsupported_media_type"));
    }

    @Test
    void overlongIdempotencyKeyIsInvalid() {
        given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", "k".repeat(200)).body(VALID)
                .when().post("/v1/workloads")
                .then().statusCode(400).body("code", equalTo("request.invalid"));
    }

    static Stream<Arguments> badIdsAndQueries() {
        return Stream.of(
                Arguments.of("get", "/v1/workloads/not-a-uuid"),
                Arguments.of("events", "/v1/workloads/12345/events"),
                Arguments.of("operation", "/v1/operations/zzz"),
                Arguments.of("page size 0", "/v1/workloads?pageSize=0"),
                Arguments.of("page size 1000", "/v1/workloads?pageSize=1000"),
                Arguments.of("garbage page token", "/v1/workloads?pageToken=garbage"),
                Arguments.of("label without value", "/v1/workloads?label=novalue"),
                Arguments.of("unknown status", "/v1/workloads?status=SLEEPY"));
    }

    @ParameterizedTest(name = "GET {0} → 400")
    @MethodSource("badIdsAndQueries")
    void badIdsAndQueriesAreInvalid(String what, String path) {
        given().auth().oauth2(token)
                .when().get(path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("request.invalid"));
    }

    @Test
    void badIdOnMutationIsInvalid() {
        given().auth().oauth2(token).when().post("/v1/workloads/not-a-uuid/stop")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("request.invalid"));
    }

    @Test
    void grpcRejectsBadInputWithTheSameCodes() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException negative = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.workloads(token).createWorkload(CreateWorkloadRequest.newBuilder()
                            .setName("ok").setKind("container").setImage("berth-demo/busybox:1")
                            .setResources(Resources.newBuilder().setMilliCpu(100).setMemoryMib(-5)).build()));
            assertThat(negative.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(negative)).isEqualTo("request.invalid");

            StatusRuntimeException badKind = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.workloads(token).createWorkload(CreateWorkloadRequest.newBuilder()
                            .setName("ok").setKind("spaceship").setImage("berth-demo/busybox:1")
                            .setResources(Resources.newBuilder().setMilliCpu(100).setMemoryMib(16)).build()));
            assertThat(GrpcCalls.errorCode(badKind)).isEqualTo("request.invalid");

            StatusRuntimeException badId = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.workloads(token).getWorkload(GetWorkloadRequest.newBuilder().setWorkloadId("nope").build()));
            assertThat(badId.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(badId)).isEqualTo("request.invalid");
        }
    }
}
