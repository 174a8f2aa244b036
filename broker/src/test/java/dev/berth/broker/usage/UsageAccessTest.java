package dev.berth.broker.usage;

import java.util.stream.Stream;

import com.google.protobuf.Timestamp;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.GetAdminUsageRequest;
import dev.berth.grpc.v1.GetUsageRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Who may read which usage, and what bad input gets, over REST and gRPC: a tenant reads its
 * own tenant only (another is 404 like a missing one), the admin route is for platform
 * admins, and a bad window or dimension is a 400 problem naming the field.
 */
@QuarkusTest
class UsageAccessTest {

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    @Test
    void aTenantCannotReadAnotherTenantsUsage() {
        for (String user : new String[] {"alice", "carol"}) {
            String token = Tokens.user(user);
            given().auth().oauth2(token).queryParam("tenant", "globex").get("/v1/usage")
                    .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("tenant.not_found"));
            given().auth().oauth2(token).queryParam("tenant", "no-such-tenant").get("/v1/usage")
                    .then().statusCode(404).body("code", equalTo("tenant.not_found"));
            given().auth().oauth2(token).queryParam("tenant", "acme").get("/v1/usage")
                    .then().statusCode(200).body("tenant", equalTo("acme"));
        }
        given().auth().oauth2(Tokens.serviceAccount("globex-automation")).queryParam("tenant", "acme").get("/v1/usage")
                .then().statusCode(404).body("code", equalTo("tenant.not_found"));
    }

    @Test
    void tenantUsersAndAdminsCannotCallTheAdminRoute() {
        for (String user : new String[] {"alice", "carol", "bob"}) {
            given().auth().oauth2(Tokens.user(user)).get("/v1/admin/usage")
                    .then().statusCode(403).body("code", equalTo("auth.forbidden"));
            given().auth().oauth2(Tokens.user(user)).queryParam("tenant", "acme").accept("text/csv").get("/v1/admin/usage")
                    .then().statusCode(403).body("code", equalTo("auth.forbidden"));
        }
        given().auth().oauth2(Tokens.serviceAccount("acme-automation")).get("/v1/admin/usage")
                .then().statusCode(403).body("code", equalTo("auth.forbidden"));
    }

    @Test
    void rolesOfTheTenantRoute() {
        given().get("/v1/usage").then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
        given().auth().oauth2(Tokens.user("dave")).get("/v1/usage").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        // A platform admin has no tenant role: the tenant route is not for it (it has the admin route).
        given().auth().oauth2(Tokens.user("admin")).get("/v1/usage").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        given().auth().oauth2(Tokens.user("admin")).get("/v1/admin/usage").then().statusCode(200);
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("from equals to", "from=2031-05-10T00:00:00Z&to=2031-05-10T00:00:00Z", "from"),
                Arguments.of("from after to", "from=2031-05-11T00:00:00Z&to=2031-05-10T00:00:00Z", "from"),
                Arguments.of("window over 366 days", "from=2030-01-01T00:00:00Z&to=2031-01-03T00:00:00Z", "to"),
                Arguments.of("unknown dimension", "groupBy=tenant,color", "groupBy"),
                Arguments.of("dimension in the wrong case", "groupBy=Day", "groupBy"),
                Arguments.of("too long groupBy", "groupBy=" + "day,".repeat(30) + "day", "groupBy"),
                Arguments.of("before 1970", "from=1960-01-01T00:00:00Z&to=1960-02-01T00:00:00Z", "from"),
                Arguments.of("malformed from", "from=yesterday", null),
                Arguments.of("from without a zone", "from=2031-05-10T00:00:00", null),
                Arguments.of("bad tenant slug", "tenant=Not_A_Tenant", "tenant"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void badInputOnTheTenantRoute(String what, String query, String field) {
        var then = given().auth().oauth2(Tokens.user("alice")).urlEncodingEnabled(false).get("/v1/usage?" + query)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("request.invalid"));
        if (field != null) {
            then.body("errors.field", hasItem(org.hamcrest.Matchers.endsWith(field)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void badInputOnTheAdminRoute(String what, String query, String field) {
        var then = given().auth().oauth2(Tokens.user("admin")).urlEncodingEnabled(false).accept("text/csv")
                .get("/v1/admin/usage?" + query)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("request.invalid"));
        if (field != null) {
            then.body("errors.field", hasItem(org.hamcrest.Matchers.endsWith(field)));
        }
    }

    @Test
    void neitherJsonNorCsvIsNotAcceptable() {
        given().auth().oauth2(Tokens.user("alice")).accept("text/html").get("/v1/usage")
                .then().statusCode(406).body("code", equalTo("request.not_acceptable"));
        given().auth().oauth2(Tokens.user("admin")).accept("application/xml").get("/v1/admin/usage")
                .then().statusCode(406).body("code", equalTo("request.not_acceptable"));
    }

    private static Timestamp at(String instant) {
        java.time.Instant t = java.time.Instant.parse(instant);
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    @Test
    void grpcIsolationAndRoles() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            StatusRuntimeException foreign = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.usage(Tokens.user("alice")).getUsage(GetUsageRequest.newBuilder().setTenant("globex").build()));
            assertThat(foreign.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(GrpcCalls.errorCode(foreign)).isEqualTo("tenant.not_found");
            assertThat(grpc.usage(Tokens.user("alice")).getUsage(GetUsageRequest.newBuilder().setTenant("acme").build())
                    .getTenant()).isEqualTo("acme");

            for (String user : new String[] {"alice", "carol"}) {
                StatusRuntimeException admin = catchThrowableOfType(StatusRuntimeException.class,
                        () -> grpc.usage(Tokens.user(user)).getAdminUsage(GetAdminUsageRequest.getDefaultInstance()));
                assertThat(admin.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(GrpcCalls.errorCode(admin)).isEqualTo("auth.forbidden");
            }
            StatusRuntimeException adminOnTenantRoute = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.usage(Tokens.user("admin")).getUsage(GetUsageRequest.getDefaultInstance()));
            assertThat(GrpcCalls.errorCode(adminOnTenantRoute)).isEqualTo("auth.forbidden");
            StatusRuntimeException anonymous = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.usage(null).getUsage(GetUsageRequest.getDefaultInstance()));
            assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void grpcBadInputIsInvalidArgument() throws InterruptedException {
        try (GrpcCalls grpc = new GrpcCalls()) {
            var alice = grpc.usage(Tokens.user("alice"));
            var admin = grpc.usage(Tokens.user("admin"));
            for (GetUsageRequest bad : new GetUsageRequest[] {
                    GetUsageRequest.newBuilder().addGroupBy("color").build(),
                    GetUsageRequest.newBuilder().setFrom(at("2031-05-11T00:00:00Z")).setTo(at("2031-05-10T00:00:00Z")).build(),
                    GetUsageRequest.newBuilder().setFrom(at("2030-01-01T00:00:00Z")).setTo(at("2031-05-10T00:00:00Z")).build(),
                    GetUsageRequest.newBuilder().setTenant("Bad Tenant").build(),
                    GetUsageRequest.newBuilder().setFrom(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build(),
                    GetUsageRequest.newBuilder().setFrom(Timestamp.newBuilder().setSeconds(1).setNanos(-1)).build()}) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> alice.getUsage(bad));
                assertThat(e.getStatus().getCode()).as(bad.toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(GrpcCalls.errorCode(e)).isEqualTo("request.invalid");
            }
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> admin.getAdminUsage(GetAdminUsageRequest.newBuilder().addGroupBy("tenant").addGroupBy("week").build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcCalls.errorCode(e)).isEqualTo("request.invalid");
        }
    }
}
