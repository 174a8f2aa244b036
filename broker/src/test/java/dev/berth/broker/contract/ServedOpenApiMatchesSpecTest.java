package dev.berth.broker.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service must serve the contract in api/openapi/berth-v1.yaml, not a drifted
 * copy: same paths, same operations (method + operationId), same declared response codes.
 */
@QuarkusTest
class ServedOpenApiMatchesSpecTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void servedDocumentHasExactlyTheSpecsOperations() throws IOException {
        Path specFile = Path.of(System.getProperty("berth.openapi.spec", "../api/openapi/berth-v1.yaml"));
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(specFile.toFile());
        String servedJson = given().accept("application/json").queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode served = new ObjectMapper().readTree(servedJson);

        Map<String, Set<String>> expected = operations(spec);
        assertThat(expected).as("the spec declares operations").isNotEmpty();
        assertThat(operations(served)).isEqualTo(expected);
    }

    /** "GET /v1/me" → {"getMe", "200", "401", ...}. */
    static Map<String, Set<String>> operations(JsonNode document) {
        Map<String, Set<String>> operations = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                Set<String> facts = new TreeSet<>();
                facts.add("operationId=" + op.getValue().path("operationId").asText());
                op.getValue().path("responses").fieldNames().forEachRemaining(code -> facts.add("response=" + code));
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), facts);
            }
        }
        return operations;
    }
}
