package dev.berth.broker.ratelimit;

import dev.berth.broker.testsupport.BrokerUnderTest;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.ListWorkloadsRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Rate limits on the running broker, REST and gRPC, with the {@link SmallBuckets} budgets: a
 * burst beyond a bucket is refused with 429 {@code rate_limited} and a retry delay, other
 * tenants and the other call class are unaffected, and both protocols spend one budget.
 */
@QuarkusTest
@TestProfile(SmallBuckets.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {

    private static final Metadata.Key<String> RETRY_AFTER =
            Metadata.Key.of(RateLimitRoute.RETRY_AFTER, Metadata.ASCII_STRING_MARSHALLER);

    @Inject
    RateLimiter limiter;

    private GrpcCalls grpc;
    private String alice;
    private String carol;
    private String bob;
    private String admin;

    @BeforeAll
    void tokens() {
        grpc = new GrpcCalls();
        alice = Tokens.user("alice");
        carol = Tokens.user("carol");
        bob = Tokens.user("bob");
        admin = Tokens.user("admin");
    }

    @AfterAll
    void close() throws InterruptedException {
        grpc.close();
    }

    @BeforeEach
    void fullBuckets() {
        limiter.forgetAll();
    }

    @Test
    void restBurstBeyondTheClientBucketIs429WithRetryAfterAndAnotherTenantIsUnaffected() {
        for (int i = 0; i < SmallBuckets.CLIENT_READS; i++) {
            listWorkloads(alice).then().statusCode(200);
        }
        Response refused = listWorkloads(alice);
        assertRateLimited(refused, "this client");

        for (int i = 0; i < SmallBuckets.CLIENT_READS; i++) {
            listWorkloads(bob).then().statusCode(200);
        }
    }

    @Test
    void readsAndMutationsAreCountedSeparately() {
        for (int i = 0; i < SmallBuckets.CLIENT_READS; i++) {
            listWorkloads(alice).then().statusCode(200);
        }
        assertRateLimited(listWorkloads(alice), "this client");

        // Reads spent, mutations not: an (invalid) create is charged and answered on its merits.
        for (int i = 0; i < SmallBuckets.CLIENT_MUTATIONS; i++) {
            createInvalid(alice).then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("request.invalid"));
        }
        assertRateLimited(createInvalid(alice), "this client");
        // What-if calls are reads: refused with the reads, although they are POSTs.
        assertRateLimited(given().auth().oauth2(alice).contentType("application/json").body("{}")
                .post("/v1/placements/simulate"), "this client");
    }

    @Test
    void theTenantBucketIsSharedByItsClientsAndOnlyByThem() {
        for (int i = 0; i < SmallBuckets.CLIENT_READS; i++) {
            listWorkloads(alice).then().statusCode(200);
        }
        int tenantLeft = SmallBuckets.TENANT_READS - SmallBuckets.CLIENT_READS;
        for (int i = 0; i < tenantLeft; i++) {
            listWorkloads(carol).then().statusCode(200);
        }
        assertRateLimited(listWorkloads(carol), "this tenant");

        listWorkloads(bob).then().statusCode(200);
    }

    @Test
    void grpcBurstIsResourceExhaustedWithRetryAfterAndAnotherTenantIsUnaffected() {
        for (int i = 0; i < SmallBuckets.CLIENT_READS; i++) {
            grpc.workloads(alice).listWorkloads(ListWorkloadsRequest.getDefaultInstance());
        }
        assertGrpcRateLimited(() -> grpc.workloads(alice).listWorkloads(ListWorkloadsRequest.getDefaultInstance()));

        for (int i = 0; i < SmallBuckets.CLIENT_READS; i++) {
            grpc.workloads(bob).listWorkloads(ListWorkloadsRequest.getDefaultInstance());
        }
        // Mutations have their own bucket: invalid creates are answered on their merits until it is spent.
        for (int i = 0; i < SmallBuckets.CLIENT_MUTATIONS; i++) {
            StatusRuntimeException invalid = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.workloads(alice).createWorkload(CreateWorkloadRequest.getDefaultInstance()));
            assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        assertGrpcRateLimited(() -> grpc.workloads(alice).createWorkload(CreateWorkloadRequest.getDefaultInstance()));
    }

    @Test
    void restAndGrpcSpendOneBudget() {
        listWorkloads(alice).then().statusCode(200);
        grpc.workloads(alice).listWorkloads(ListWorkloadsRequest.getDefaultInstance());
        listWorkloads(alice).then().statusCode(200);

        assertGrpcRateLimited(() -> grpc.workloads(alice).listWorkloads(ListWorkloadsRequest.getDefaultInstance()));
        assertRateLimited(listWorkloads(alice), "this client");
    }

    @Test
    void platformAdminsHaveTheirOwnBucket() {
        for (int i = 0; i < SmallBuckets.PLATFORM_READS; i++) {
            given().auth().oauth2(admin).get("/v1/admin/hosts").then().statusCode(200);
        }
        assertRateLimited(given().auth().oauth2(admin).get("/v1/admin/hosts"), "this client");

        for (int i = 0; i < SmallBuckets.CLIENT_READS; i++) {
            listWorkloads(alice).then().statusCode(200);
        }
    }

    @Test
    void callsWithoutAValidTokenAreAnswered401AndChargeNothing() {
        for (int i = 0; i < 2 * SmallBuckets.TENANT_READS; i++) {
            given().get("/v1/workloads").then().statusCode(401);
            given().auth().oauth2(Tokens.unsigned(alice)).get("/v1/workloads").then().statusCode(401);
        }
        for (int i = 0; i < SmallBuckets.CLIENT_READS; i++) {
            listWorkloads(alice).then().statusCode(200);
        }
    }

    @Test
    void refusalsAreCountedOnTheManagementInterface() {
        for (int i = 0; i <= SmallBuckets.CLIENT_READS; i++) {
            listWorkloads(bob);
        }
        String metrics = given().baseUri(BrokerUnderTest.managementUrl()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "berth_rate_limit_refusals_total\\{[^}]*class=\"reads\"[^}]*scope=\"client\"[^}]*tenant=\"globex\"[^}]*} [1-9]");
    }

    private static Response listWorkloads(String token) {
        return given().auth().oauth2(token).get("/v1/workloads");
    }

    private static Response createInvalid(String token) {
        return given().auth().oauth2(token).contentType("application/json").body("{}").post("/v1/workloads");
    }

    private static void assertRateLimited(Response response, String whose) {
        response.then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("rate_limited"))
                .body("status", org.hamcrest.Matchers.equalTo(429))
                .body("detail", org.hamcrest.Matchers.containsString(whose));
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 1000L);
    }

    private static void assertGrpcRateLimited(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(GrpcCalls.errorCode(e)).isEqualTo("rate_limited");
        assertThat(Long.parseLong(e.getTrailers().get(RETRY_AFTER))).isBetween(1L, 1000L);
    }
}
