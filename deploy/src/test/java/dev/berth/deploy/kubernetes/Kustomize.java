package dev.berth.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders deploy/kubernetes offline with {@code kubectl kustomize} (Debian's
 * kubernetes-client; deploy/local/lib.sh installs it) and parses the result.
 */
final class Kustomize {

    /** deploy/kubernetes, from the module's directory (Maven runs tests there). */
    static final Path ROOT = Path.of("kubernetes").toAbsolutePath();
    private static final Path BROKER_PROPERTIES = Path.of("../broker/src/main/resources/application.properties");

    private Kustomize() {
    }

    static List<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        }
    }

    /** Rendered once per JVM: each overlay is asserted by several tests. Callers copy before changing. */
    private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    static List<JsonNode> render(Path kustomization) throws IOException, InterruptedException {
        List<JsonNode> cached = RENDERED.get(kustomization);
        if (cached == null) {
            cached = List.copyOf(renderWithKubectl(kustomization));
            RENDERED.put(kustomization, cached);
        }
        return cached;
    }

    private static List<JsonNode> renderWithKubectl(Path kustomization) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD) // deprecation warnings of newer kustomize
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is not installed: deploy/local/test.sh installs kubernetes-client", e);
        }
        String yaml;
        try (InputStream out = kubectl.getInputStream()) {
            yaml = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        // A hang guard, not a timing assertion: rendering takes well under a second.
        if (!kubectl.waitFor(2, TimeUnit.MINUTES)) {
            kubectl.destroyForcibly();
            throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish");
        }
        if (kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + kustomization + " failed with exit code " + kubectl.exitValue());
        }
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        }
        return documents;
    }

    /** The broker's default port for KEY in its application.properties. */
    static int brokerPort(String key) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(BROKER_PROPERTIES)) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty(key).trim());
    }
}
