package dev.berth.broker.health;

import dev.berth.broker.testsupport.BrokerUnderTest;
import dev.berth.broker.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * Health, readiness and metrics: open to probes on the management interface, reporting the
 * real dependencies, and never served on the API port (issue 13, finding 8).
 */
@QuarkusTest
class OperabilityTest {

    private static RequestSpecification management() {
        return given().baseUri(BrokerUnderTest.managementUrl()).port(BrokerUnderTest.managementPort());
    }

    @Test
    void readinessCoversDatabaseAndIdentityProvider() {
        management().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("identity-provider", "Database connections health check"));
    }

    @Test
    void livenessIsUp() {
        management().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsCountApiRequests() {
        given().auth().oauth2(Tokens.user("alice")).get("/v1/me").then().statusCode(200);
        management().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/v1/me\""));
    }

    @ParameterizedTest(name = "the API port does not serve {0}")
    @ValueSource(strings = {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"})
    void managementEndpointsAreNotOnTheApiPort(String path) {
        given().when().get(path).then().statusCode(404);
        // Served on the management port: health answers 200 or, if a dependency is slow, 503 with its report.
        management().when().get(path).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(503)))
                .body(path.startsWith("/q/health") ? containsString("\"status\"") : containsString("jvm_"));
    }

    @Test
    void theContractIsStillServedWithTheApi() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("Berth API"));
    }
}
