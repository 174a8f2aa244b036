package dev.berth.broker.contract;

import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every limit of the OpenAPI contract is enforced on every route that takes it. The test walks
 * the spec itself: for each operation, each property of its request body (nested objects,
 * array items, map keys and values, to any depth) and each parameter that carries a limit
 * ({@code maxLength}, {@code minLength}, {@code pattern}, {@code maxItems}, {@code minItems},
 * {@code maxProperties}, {@code minProperties}, {@code maximum}, {@code minimum}), it sends a
 * request with just that value over the limit and expects {@code 400 request.invalid} naming
 * the field, with not one row written anywhere. A limit added to the spec is tested without
 * touching this class; one the broker does not enforce fails it.
 */
@QuarkusTest
class SpecLimitsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonNode SPEC = readSpec();
    private static final JsonNode SCHEMAS = SPEC.path("components").path("schemas");
    private static final Set<String> TYPED_FORMATS = Set.of("uuid", "date-time", "date");

    /** One over-the-limit request. */
    record Case(String name, String method, String path, Optional<JsonNode> body, Map<String, String> query,
                Map<String, String> headers, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static boolean ready;

    /** Once per class, but after Quarkus has pointed RestAssured at the broker (not possible in a static @BeforeAll). */
    @BeforeEach
    void fleet() {
        if (ready) {
            return;
        }
        TestDatabase.reset();
        // The broker remembers each caller once (identity.PrincipalRegistry): not a row a refused request wrote.
        for (String path : List.of("/v1/me", "/v1/admin/hosts", "/v1/tenant/members")) {
            given().auth().oauth2(token(path)).get("/v1/me").then().statusCode(200);
        }
        ready = true;
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        SPEC.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getKey().equals("parameters")) {
                return;
            }
            String method = op.getKey().toUpperCase();
            List<JsonNode> parameters = new ArrayList<>();
            path.getValue().path("parameters").forEach(parameters::add);
            op.getValue().path("parameters").forEach(parameters::add);
            String url = concrete(path.getKey(), parameters, null, null);
            JsonNode bodySchema = op.getValue().path("requestBody").path("content").path("application/json").path("schema");
            // Parameter cases send a well-formed body, so that only the parameter is wrong.
            Optional<JsonNode> validBody = bodySchema.isMissingNode() ? Optional.empty()
                    : Optional.of(valid(resolve(bodySchema, "schemas"), 0));
            for (JsonNode p : parameters) {
                JsonNode parameter = resolve(p, "parameters");
                JsonNode schema = resolve(parameter.path("schema"), "schemas");
                String name = parameter.path("name").asText();
                for (Bad bad : badScalars(schema)) {
                    String in = parameter.path("in").asText();
                    if (in.equals("header") && bad.value().asText().isEmpty()) {
                        continue; // an empty header is no header (HTTP stacks drop it); nothing to enforce
                    }
                    String label = method + " " + path.getKey() + " " + in + " " + name + " " + bad.limit();
                    String value = bad.value().asText();
                    switch (in) {
                        case "query" -> cases.add(new Case(label, method, url, validBody, Map.of(name, value), Map.of(), name));
                        case "header" -> cases.add(new Case(label, method, url, validBody, Map.of(), Map.of(name, value), name));
                        case "path" -> cases.add(new Case(label, method, concrete(path.getKey(), parameters, name, value),
                                validBody, Map.of(), Map.of(), name));
                        default -> throw new AssertionError("parameter location " + in);
                    }
                }
            }
            if (!bodySchema.isMissingNode()) {
                String root = bodySchema.has("$ref") ? refName(bodySchema) : "body";
                walk(resolve(bodySchema, "schemas"), "", Character.toLowerCase(root.charAt(0)) + root.substring(1), 0,
                        (field, bodyAt, limit) -> cases.add(new Case(method + " " + path.getKey() + " " + field + " " + limit,
                                method, url, Optional.of(bodyAt), Map.of(), Map.of(), field)));
            }
        }));
        return cases.stream();
    }

    @Test
    void theWalkFindsTheLimitsThisIssueIsAbout() {
        List<String> names = cases().map(Case::name).toList();
        assertThat(names).as("label values, label keys, fractional limits, nested limits")
                .anyMatch(n -> n.equals("POST /v1/workloads labels.k value maxLength"))
                .anyMatch(n -> n.startsWith("POST /v1/workloads labels.") && n.contains("key pattern"))
                .anyMatch(n -> n.startsWith("POST /v1/workloads resources.memoryMiB minimum"))
                .anyMatch(n -> n.equals("POST /v1/workloads vm.sshKeys[0] items pattern"))
                .anyMatch(n -> n.equals("POST /v1/placements/simulate workload.labels.k value maxLength"))
                .anyMatch(n -> n.equals("PUT /v1/admin/tenants/{tenant}/labels labels.k value maxLength"))
                .anyMatch(n -> n.startsWith("GET /v1/workloads query pageSize maximum"));
        assertThat(names.size()).as("limits found in the spec").isGreaterThan(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyLimitIsEnforced(Case c) {
        String before = rowCounts();
        RequestSpecification request = given().auth().oauth2(token(c.path())).queryParams(c.query()).headers(c.headers());
        if (c.body().isPresent()) {
            request = request.contentType("application/json").body(c.body().get().toString());
        }
        Response response = request.request(c.method(), c.path());

        assertThat(response.statusCode()).as(c.name() + ": " + response.body().asString()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).as(response.body().asString()).isEqualTo("request.invalid");
        List<String> fields = response.jsonPath().getList("errors.field", String.class);
        assertThat(fields).as("the answer names the field: " + response.body().asString())
                .anyMatch(f -> f.equals(c.field()) || f.endsWith("." + c.field()));
        assertThat(rowCounts()).as("nothing stored").isEqualTo(before);
    }

    // ---------------------------------------------------------------- the walk

    interface Sink {
        void add(String field, JsonNode body, String limit);
    }

    /** A value that breaks one limit of a schema. */
    record Bad(String limit, JsonNode value) {
    }

    /**
     * Walks {@code schema} (an object at JSON path {@code prefix}), calling {@code sink} with a
     * whole body for each limit: {@code wrap} puts a value at the walked position.
     */
    private static void walk(JsonNode schema, String prefix, String rootName, int depth, Sink sink) {
        walkAt(schema, prefix, rootName, depth, v -> v, sink);
    }

    private static void walkAt(JsonNode schema, String prefix, String rootName, int depth,
                               java.util.function.UnaryOperator<JsonNode> wrap, Sink sink) {
        if (depth > 6) {
            return;
        }
        if (isMap(schema)) {
            // A body that is itself a map (tenant labels) is named after its schema.
            String field = prefix.isEmpty() ? rootName : prefix;
            mapLimits(schema, field, wrap, sink);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> p = properties.next();
            String field = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
            JsonNode ps = resolve(p.getValue(), "schemas");
            // The bad value goes into an otherwise valid object: Jackson refuses a missing required
            // property before Bean Validation would list every violation.
            java.util.function.UnaryOperator<JsonNode> at = v -> wrap.apply(((ObjectNode) valid(schema, 0)).set(p.getKey(), v));
            for (Bad bad : badScalars(ps)) {
                sink.add(field, at.apply(bad.value()), bad.limit());
            }
            if (ps.path("type").asText().equals("array")) {
                JsonNode items = resolve(ps.path("items"), "schemas");
                if (ps.has("maxItems")) {
                    sink.add(field, at.apply(array(ps.get("maxItems").asInt() + 1, items)), "maxItems");
                }
                if (ps.path("minItems").asInt() > 0) {
                    sink.add(field, at.apply(array(ps.get("minItems").asInt() - 1, items)), "minItems");
                }
                for (Bad bad : badScalars(items)) {
                    sink.add(field + "[0]", at.apply(NODES.arrayNode().add(bad.value())), "items " + bad.limit());
                }
                if (items.has("properties")) {
                    walkAt(items, field + "[0]", rootName, depth + 1, v -> at.apply(NODES.arrayNode().add(v)), sink);
                }
            } else if (isMap(ps)) {
                mapLimits(ps, field, at, sink);
            } else if (ps.has("properties")) {
                walkAt(ps, field, rootName, depth + 1, at, sink);
            }
        }
    }

    private static void mapLimits(JsonNode schema, String field, java.util.function.UnaryOperator<JsonNode> at, Sink sink) {
        JsonNode values = resolve(schema.path("additionalProperties"), "schemas");
        JsonNode keys = schema.path("propertyNames");
        if (schema.has("maxProperties")) {
            sink.add(field, at.apply(entries(schema.get("maxProperties").asInt() + 1, values)), "maxProperties");
        }
        if (schema.path("minProperties").asInt() > 0) {
            sink.add(field, at.apply(entries(schema.get("minProperties").asInt() - 1, values)), "minProperties");
        }
        for (Bad bad : badScalars(values)) {
            sink.add(field + ".k", at.apply(object("k", bad.value())), "value " + bad.limit());
        }
        for (Bad bad : badScalars(keys.isMissingNode() ? NODES.objectNode() : ((ObjectNode) keys.deepCopy()).put("type", "string"))) {
            String key = bad.value().asText();
            sink.add(field + "." + key, at.apply(object(key, valid(values, 1))), "key " + bad.limit());
        }
        if (values.has("properties")) {
            walkAt(values, field + ".k", field, 1, v -> at.apply(object("k", v)), sink);
        }
    }

    /** Values breaking the scalar limits of {@code schema}: lengths, patterns, bounds. */
    static List<Bad> badScalars(JsonNode schema) {
        List<Bad> out = new ArrayList<>();
        String type = schema.path("type").asText();
        if (type.equals("string") && !schema.has("enum") && !TYPED_FORMATS.contains(schema.path("format").asText())) {
            if (schema.has("maxLength")) {
                out.add(new Bad("maxLength", NODES.textNode("a".repeat(schema.get("maxLength").asInt() + 1))));
            }
            if (schema.path("minLength").asInt() > 0) {
                out.add(new Bad("minLength", NODES.textNode("a".repeat(schema.get("minLength").asInt() - 1))));
            }
            if (schema.has("pattern")) {
                Pattern pattern = Pattern.compile(schema.get("pattern").asText());
                Stream.of("!", "A B", "-", "..", "~a", "a\u0000").filter(s -> !pattern.matcher(s).find()).findFirst()
                        .ifPresent(s -> out.add(new Bad("pattern", NODES.textNode(s))));
            }
        }
        if (type.equals("integer") || type.equals("number")) {
            boolean integer = type.equals("integer");
            if (schema.has("maximum")) {
                BigDecimal max = schema.get("maximum").decimalValue();
                out.add(new Bad("maximum", integer ? NODES.numberNode(max.longValue() + 1) : NODES.numberNode(max.add(BigDecimal.ONE))));
            }
            if (schema.has("minimum")) {
                BigDecimal min = schema.get("minimum").decimalValue();
                BigDecimal below = integer || min.signum() <= 0 ? min.subtract(BigDecimal.ONE) : min.divide(BigDecimal.valueOf(2));
                out.add(new Bad("minimum", integer ? NODES.numberNode(below.longValue()) : NODES.numberNode(below)));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isMap(JsonNode schema) {
        return schema.path("additionalProperties").isObject() && !schema.has("properties");
    }

    private static ObjectNode object(String key, JsonNode value) {
        ObjectNode o = NODES.objectNode();
        o.set(key, value);
        return o;
    }

    private static ArrayNode array(int size, JsonNode items) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            a.add(valid(items, 1));
        }
        return a;
    }

    private static ObjectNode entries(int size, JsonNode values) {
        ObjectNode o = NODES.objectNode();
        for (int i = 0; i < size; i++) {
            o.set("k" + i, valid(values, 1));
        }
        return o;
    }

    /** A value the schema accepts: required properties filled, lengths, patterns and bounds met. */
    static JsonNode valid(JsonNode schema, int depth) {
        JsonNode s = resolve(schema, "schemas");
        if (s.has("enum")) {
            return s.get("enum").get(0).deepCopy();
        }
        switch (s.path("type").asText(s.has("properties") ? "object" : "")) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                if (depth < 8) {
                    s.path("required").forEach(r -> o.set(r.asText(), valid(s.path("properties").path(r.asText()), depth + 1)));
                    if (isMap(s) && s.path("minProperties").asInt() > 0) {
                        o.set("k", valid(s.path("additionalProperties"), depth + 1));
                    }
                }
                return o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i < Math.max(1, s.path("minItems").asInt()); i++) {
                    a.add(valid(s.path("items"), depth + 1));
                }
                return a;
            }
            case "integer" -> {
                return NODES.numberNode(s.has("minimum") ? Math.max(1, s.get("minimum").asLong()) : 1);
            }
            case "number" -> {
                return NODES.numberNode(BigDecimal.ONE.max(s.path("minimum").decimalValue()));
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return NODES.textNode(validString(s));
            }
        }
    }

    private static String validString(JsonNode s) {
        switch (s.path("format").asText()) {
            case "uuid":
                return UUID.randomUUID().toString();
            case "date-time":
                return "2026-01-01T00:00:00Z";
            case "date":
                return "2026-01-01";
            default:
                break;
        }
        Pattern pattern = Pattern.compile(s.path("pattern").asText(".*"));
        int min = s.path("minLength").asInt(0);
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        return Stream.of("acme", "a", "a1", "aa", "ab-1", "berth-demo/busybox:1", "ssh-ed25519 AAAA a@b", "x@acme.example",
                        "arn:aws:iam::123456789012:role/berth", "default", "us-east-1", "t3.micro", "test:///default", "subnet-0123abcd", "sg-0123abcd", "A", "1",
                        // fixed-length tokens (e.g. an invitation token: 43 base64url characters)
                        "a".repeat(Math.max(1, min)))
                .filter(c -> c.length() >= min && c.length() <= max && pattern.matcher(c).find())
                // Bean Validation lists every violation, so a sample that breaks a pattern only adds one.
                .findFirst().orElse("a");
    }

    /** The path with every parameter filled with a well-formed value, or {@code badValue} for {@code badName}. */
    private static String concrete(String path, List<JsonNode> parameters, String badName, String badValue) {
        String out = path;
        for (JsonNode p : parameters) {
            JsonNode parameter = resolve(p, "parameters");
            if (!parameter.path("in").asText().equals("path")) {
                continue;
            }
            String name = parameter.path("name").asText();
            JsonNode schema = resolve(parameter.path("schema"), "schemas");
            String value = name.equals(badName) ? badValue
                    : schema.path("format").asText().equals("uuid") ? UUID.randomUUID().toString() : "acme";
            out = out.replace("{" + name + "}", value.replace("/", "%2F"));
        }
        return out;
    }

    /** Who may call the route, so that the answer is about the request, not about roles. */
    private static String token(String path) {
        String user = path.startsWith("/v1/admin/") ? "admin" : path.startsWith("/v1/tenant/") ? "carol" : "alice";
        // Tokens live 5 minutes; one per user per minute spares Keycloak a grant per case.
        long minute = System.currentTimeMillis() / 60_000;
        return TOKENS.compute(user, (u, t) -> t != null && t.minute() == minute ? t : new Token(minute, Tokens.user(u))).token();
    }

    private record Token(long minute, String token) {
    }

    private static final Map<String, Token> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static JsonNode resolve(JsonNode node, String section) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            String[] parts = ref.split("/");
            current = SPEC.path("components").path(parts[parts.length - 2]).path(parts[parts.length - 1]);
        }
        return current;
    }

    private static String refName(JsonNode node) {
        String ref = node.get("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** Row counts of every table: one query, compared before and after each request. */
    private static String rowCounts() {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                    + "AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            StringBuilder sql = new StringBuilder("SELECT concat_ws(',' ");
            for (String t : tables) {
                sql.append(", '").append(t).append("=' || (SELECT count(*) FROM \"").append(t).append("\")");
            }
            try (ResultSet rs = s.executeQuery(sql.append(")").toString())) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode readSpec() {
        try (InputStream in = SpecLimitsTest.class.getClassLoader().getResourceAsStream("META-INF/openapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
