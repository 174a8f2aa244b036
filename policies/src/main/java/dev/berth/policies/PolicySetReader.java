package dev.berth.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a policy set file: {@code {"policies": [ {...}, ... ]}} with the fields of
 * {@link Policy}; enum values in lower case ({@code "placement"}, {@code "deny"},
 * {@code "enforce"}); scope {@code "global"} or {@code "tenant:<slug>"}. Only parses:
 * validate each policy with {@link PolicyCompiler} before storing it.
 */
public final class PolicySetReader {

    /** Classpath location of the starter set shipped with this module. */
    public static final String STARTER_RESOURCE = "/dev/berth/policies/starter-policies.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicySetReader() {
    }

    /** The starter policies: EU residency, approved registries, large VM tier, untrusted isolation, cloud budget. */
    public static List<Policy> starterPolicies() {
        try (InputStream in = PolicySetReader.class.getResourceAsStream(STARTER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + STARTER_RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Policy> read(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        List<Policy> policies = new ArrayList<>();
        for (JsonNode node : root.path("policies")) {
            policies.add(policy(node));
        }
        return policies;
    }

    private static Policy policy(JsonNode node) {
        return Policy.builder(required(node, "id"))
                .name(node.path("name").asText(null))
                .description(node.path("description").asText(""))
                .scope(scope(node.path("scope").asText("global")))
                .stage(PolicyStage.valueOf(upper(node.path("stage").asText("admission"))))
                .expression(required(node, "expression"))
                .effect(PolicyEffect.valueOf(upper(node.path("effect").asText("deny"))))
                .mode(PolicyMode.valueOf(upper(node.path("mode").asText("enforce"))))
                .message(node.path("message").asText(""))
                .version(node.path("version").asLong(1))
                .enabled(node.path("enabled").asBoolean(true))
                .build();
    }

    private static PolicyScope scope(String text) {
        if (text.equalsIgnoreCase("global")) {
            return PolicyScope.global();
        }
        if (text.startsWith("tenant:")) {
            return PolicyScope.tenant(text.substring("tenant:".length()));
        }
        throw new IllegalArgumentException("scope must be 'global' or 'tenant:<slug>', got '" + text + "'");
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("policy field '" + field + "' is required");
        }
        return value.asText();
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
