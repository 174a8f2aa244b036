package dev.berth.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariants catch what they claim to: each case breaks one thing in the
 * rendered production overlay and expects the matching violation.
 */
class ManifestInvariantsTest {

    private static final int HTTP = 8080;
    private static final int MANAGEMENT = 9000;
    private static List<JsonNode> rendered;

    @BeforeAll
    static void render() throws Exception {
        rendered = Kustomize.render(Kustomize.ROOT.resolve("overlays/production"));
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                Arguments.of("two replicas", (Consumer<List<JsonNode>>) docs ->
                        deployment(docs).withObject("/spec").put("replicas", 2), "Deployment replicas 2"),
                Arguments.of("latest tag", (Consumer<List<JsonNode>>) docs ->
                        container(docs).put("image", "berth/broker:latest"), "uses the tag latest"),
                Arguments.of("untagged image", (Consumer<List<JsonNode>>) docs ->
                        container(docs).put("image", "registry.example.com:5000/berth/broker"), "has no tag"),
                Arguments.of("liveness on the API port", (Consumer<List<JsonNode>>) docs ->
                        ((ObjectNode) container(docs).at("/livenessProbe/httpGet")).put("port", "http"), "livenessProbe on port"),
                Arguments.of("readiness on the wrong path", (Consumer<List<JsonNode>>) docs ->
                        ((ObjectNode) container(docs).at("/readinessProbe/httpGet")).put("path", "/health"), "readinessProbe path"),
                Arguments.of("no startup probe", (Consumer<List<JsonNode>>) docs ->
                        container(docs).remove("startupProbe"), "has no startupProbe"),
                Arguments.of("inline password", (Consumer<List<JsonNode>>) docs ->
                        container(docs).withArray("env").addObject().put("name", "QUARKUS_DATASOURCE_PASSWORD").put("value", "hunter2"),
                        "sets QUARKUS_DATASOURCE_PASSWORD inline"),
                Arguments.of("a Secret in the output", (Consumer<List<JsonNode>>) docs ->
                        docs.add(new YAMLMapper().createObjectNode().put("kind", "Secret")), "a Secret is rendered"),
                Arguments.of("no memory limit", (Consumer<List<JsonNode>>) docs ->
                        container(docs).withObject("/resources/limits").remove("memory"), "has no resources/limits/memory"),
                Arguments.of("PDB that blocks every drain", (Consumer<List<JsonNode>>) docs ->
                        find(docs, "PodDisruptionBudget").withObject("/spec").put("minAvailable", 3), "minAvailable 3"),
                Arguments.of("HPA below three", (Consumer<List<JsonNode>>) docs ->
                        find(docs, "HorizontalPodAutoscaler").withObject("/spec").put("minReplicas", 1), "minReplicas 1"),
                Arguments.of("metrics on the wrong path", (Consumer<List<JsonNode>>) docs ->
                        ((ObjectNode) find(docs, "ServiceMonitor").at("/spec/endpoints/0")).put("path", "/metrics"), "ServiceMonitor scrapes"),
                Arguments.of("writable root", (Consumer<List<JsonNode>>) docs ->
                        container(docs).withObject("/securityContext").put("readOnlyRootFilesystem", false), "read-only root filesystem"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void aBrokenManifestIsReported(String name, Consumer<List<JsonNode>> breakage, String expected) {
        List<JsonNode> documents = new ArrayList<>(rendered.stream().map(d -> (JsonNode) d.deepCopy()).toList());
        breakage.accept(documents);

        assertThat(ManifestInvariants.check(documents, HTTP, MANAGEMENT)).anyMatch(v -> v.contains(expected));
    }

    private static ObjectNode find(List<JsonNode> documents, String kind) {
        return (ObjectNode) documents.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElseThrow();
    }

    private static ObjectNode deployment(List<JsonNode> documents) {
        return find(documents, "Deployment");
    }

    private static ObjectNode container(List<JsonNode> documents) {
        return (ObjectNode) deployment(documents).at("/spec/template/spec/containers/0");
    }
}
