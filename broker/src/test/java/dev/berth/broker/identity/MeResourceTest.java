package dev.berth.broker.identity;

import dev.berth.broker.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Auth wiring of GET /v1/me over REST: roles, tenant claim, and problem+json for failures. */
@QuarkusTest
class MeResourceTest {

    @Test
    void tenantAdminSeesTenantAndBothTenantRoles() {
        given().auth().oauth2(Tokens.user("carol"))
                .when().get("/v1/me")
                .then().statusCode(200)
                .body("username", equalTo("carol"))
                .body("tenant", equalTo("acme"))
                .body("serviceAccount", equalTo(false))
                .body("clientId", equalTo("berth-cli"))
                .body("roles", containsInAnyOrder("tenant-user", "tenant-admin"))
                .body("firstSeenAt", notNullValue());
    }

    @Test
    void platformAdminHasNoTenant() {
        given().auth().oauth2(Tokens.user("admin"))
                .when().get("/v1/me")
                .then().statusCode(200)
                .body("tenant", nullValue())
                .body("roles", containsInAnyOrder("platform-admin"));
    }

    @Test
    void firstSeenIsStableAcrossCalls() {
        String token = Tokens.user("alice");
        String first = given().auth().oauth2(token).get("/v1/me").then().statusCode(200).extract().path("firstSeenAt");
        given().auth().oauth2(Tokens.user("alice")).get("/v1/me").then().statusCode(200).body("firstSeenAt", equalTo(first));
    }

    @Test
    void noTokenIsUnauthenticatedProblem() {
        given().when().get("/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("auth.unauthenticated"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://berth.dev/problems/auth.unauthenticated"))
                .body("instance", equalTo("/v1/me"));
    }

    @Test
    void garbageTokenIsUnauthenticatedProblem() {
        given().auth().oauth2("not-a-jwt")
                .when().get("/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.unauthenticated"));
    }

    @Test
    void userWithoutBerthRoleIsForbiddenProblem() {
        given().auth().oauth2(Tokens.user("dave"))
                .when().get("/v1/me")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.forbidden"));
    }

    @Test
    void unknownRouteIsNotFoundProblem() {
        given().auth().oauth2(Tokens.user("alice"))
                .when().get("/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("resource.not_found"));
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        given().auth().oauth2(Tokens.user("alice"))
                .when().delete("/v1/me")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("code", equalTo("request.method_not_allowed"));
    }
}
