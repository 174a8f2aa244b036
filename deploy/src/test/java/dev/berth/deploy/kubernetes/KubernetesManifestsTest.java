package dev.berth.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay of deploy/kubernetes renders offline and keeps {@link ManifestInvariants}. */
class KubernetesManifestsTest {

    static List<Path> overlays() throws Exception {
        return Kustomize.overlays();
    }

    @Test
    void thereAreOverlaysToCheck() throws Exception {
        // Guards against a vacuous pass of the parameterized test below.
        assertThat(overlays()).extracting(p -> p.getFileName().toString()).contains("production", "staging");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlayRendersAndKeepsTheInvariants(Path overlay) throws Exception {
        List<JsonNode> documents = Kustomize.render(overlay);

        assertThat(documents.stream().map(d -> d.path("kind").asText()).collect(Collectors.toSet()))
                .contains("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ServiceMonitor",
                        "NetworkPolicy", "ConfigMap");
        assertThat(ManifestInvariants.check(documents, Kustomize.brokerPort("quarkus.http.port"),
                Kustomize.brokerPort("quarkus.management.port"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theSecretIsReferencedNeverRendered(Path overlay) throws Exception {
        List<JsonNode> documents = Kustomize.render(overlay);
        JsonNode container = documents.stream()
                .filter(d -> "Deployment".equals(d.path("kind").asText()))
                .findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0");

        assertThat(container.findValues("secretKeyRef")).isNotEmpty()
                .allSatisfy(ref -> assertThat(ref.path("name").asText()).isEqualTo("berth-broker"));
        assertThat(documents).noneMatch(d -> "Secret".equals(d.path("kind").asText()));
    }
}
