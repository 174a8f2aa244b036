package dev.berth.broker.problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.api.model.FieldViolation;
import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.context.PropertyConstraintMappingContext;
import org.hibernate.validator.cfg.context.TypeConstraintMappingContext;
import org.hibernate.validator.cfg.defs.PatternDef;
import org.hibernate.validator.cfg.defs.SizeDef;

/**
 * The limits of the OpenAPI contract that openapi-generator does not turn into Bean
 * Validation annotations: those on a map's keys ({@code propertyNames}) and values
 * ({@code additionalProperties: {maxLength: 253}}). Read from the served spec itself
 * ({@code META-INF/openapi.yaml}, a copy of {@code api/openapi/berth-v1.yaml}) at start-up and
 * added to the validator as container-element constraints of the generated models, so REST
 * ({@code @Valid} bodies) and gRPC ({@link ModelValidation}) enforce them exactly as the spec
 * says, and a limit added to the spec is enforced without code. A body that is itself a map
 * (the tenant labels) is checked with {@link #check}.
 */
@ApplicationScoped
public class SpecMapLimits implements ValidatorFactoryCustomizer {

    static final String SPEC = "META-INF/openapi.yaml";
    private static final String MODEL_PACKAGE = "dev.berth.api.model.";

    /** Limits of one side (keys or values) of a map. */
    record Side(Optional<Integer> minLength, Optional<Integer> maxLength, Optional<String> pattern) {
        boolean any() {
            return minLength.isPresent() || maxLength.isPresent() || pattern.isPresent();
        }
    }

    /** A map-typed schema's limits: its size and its keys' and values' strings. */
    record MapSchema(Optional<Integer> maxProperties, Side keys, Side values) {
    }

    private final Map<String, MapSchema> namedMaps;
    private final Map<String, Map<String, MapSchema>> modelMaps;

    public SpecMapLimits() {
        JsonNode spec = read();
        this.namedMaps = namedMaps(spec);
        this.modelMaps = modelMaps(spec);
    }

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        modelMaps.forEach((schema, properties) -> {
            TypeConstraintMappingContext<?> type = mapping.type(modelClass(schema));
            properties.forEach((property, limits) -> {
                PropertyConstraintMappingContext p = type.getter(property);
                // Each container element (0 = key, 1 = value) may be configured once.
                if (limits.keys().any()) {
                    constrain(p.containerElementType(0), limits.keys());
                }
                if (limits.values().any()) {
                    constrain(p.containerElementType(1), limits.values());
                }
            });
        });
        configuration.addMapping(mapping);
    }

    /**
     * Checks a body that is itself a map of the named schema (e.g. {@code Labels}) against
     * its size, key and value limits, naming each offending entry as {@code field.key}.
     */
    public void check(String schema, String field, Map<String, String> map) {
        MapSchema limits = namedMaps.get(schema);
        if (limits == null) {
            throw new IllegalArgumentException("no map schema " + schema + " in the spec");
        }
        List<FieldViolation> violations = new ArrayList<>();
        limits.maxProperties().filter(max -> map.size() > max)
                .ifPresent(max -> violations.add(violation(field, "size must be between 0 and " + max)));
        map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            violation(limits.keys(), e.getKey()).ifPresent(m -> violations.add(violation(field + "." + e.getKey(), "key " + m)));
            violation(limits.values(), e.getValue()).ifPresent(m -> violations.add(violation(field + "." + e.getKey(), m)));
        });
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(FieldViolation::getField));
            throw new InvalidRequest(violations);
        }
    }

    /** Schema → property → limits, for the properties the generator leaves unconstrained (for tests and docs). */
    Map<String, Map<String, MapSchema>> modelMaps() {
        return modelMaps;
    }

    private static Optional<String> violation(Side side, String value) {
        int length = value == null ? 0 : value.length();
        if (side.minLength().isPresent() && length < side.minLength().get()
                || side.maxLength().isPresent() && length > side.maxLength().get()) {
            return Optional.of("size must be between " + side.minLength().orElse(0) + " and "
                    + side.maxLength().map(String::valueOf).orElse("any"));
        }
        if (value != null && side.pattern().isPresent() && !Pattern.compile(side.pattern().get()).matcher(value).find()) {
            return Optional.of("must match \"" + side.pattern().get() + "\"");
        }
        return Optional.empty();
    }

    private static FieldViolation violation(String field, String message) {
        return new FieldViolation().field(field).message(message);
    }

    private static void constrain(org.hibernate.validator.cfg.context.ContainerElementConstraintMappingContext element, Side side) {
        element.constraint(size(side));
        side.pattern().ifPresent(regexp -> element.constraint(new PatternDef().regexp(regexp)));
    }

    private static SizeDef size(Side side) {
        SizeDef size = new SizeDef();
        side.minLength().ifPresent(size::min);
        side.maxLength().ifPresent(size::max);
        return size;
    }

    private static Class<?> modelClass(String schema) {
        try {
            return Class.forName(MODEL_PACKAGE + schema, false, SpecMapLimits.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the spec's schema " + schema + " has no generated model class", e);
        }
    }

    private static JsonNode read() {
        try (InputStream in = SpecMapLimits.class.getClassLoader().getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException(SPEC + " is missing from the broker's classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Component schemas that are maps (e.g. {@code Labels}). */
    static Map<String, MapSchema> namedMaps(JsonNode spec) {
        Map<String, MapSchema> maps = new LinkedHashMap<>();
        spec.path("components").path("schemas").fields().forEachRemaining(e -> mapSchema(e.getValue())
                .ifPresent(m -> maps.put(e.getKey(), m)));
        return maps;
    }

    /** Map-typed properties of component object schemas, with limits on keys or values. */
    static Map<String, Map<String, MapSchema>> modelMaps(JsonNode spec) {
        JsonNode schemas = spec.path("components").path("schemas");
        Map<String, Map<String, MapSchema>> out = new LinkedHashMap<>();
        schemas.fields().forEachRemaining(s -> s.getValue().path("properties").fields().forEachRemaining(p ->
                mapSchema(resolve(schemas, p.getValue()))
                        .filter(m -> m.keys().any() || m.values().any())
                        .ifPresent(m -> out.computeIfAbsent(s.getKey(), k -> new LinkedHashMap<>()).put(p.getKey(), m))));
        return out;
    }

    private static Optional<MapSchema> mapSchema(JsonNode schema) {
        JsonNode values = schema.path("additionalProperties");
        if (!values.isObject() || schema.has("properties")) {
            return Optional.empty();
        }
        return Optional.of(new MapSchema(integer(schema, "maxProperties"), side(schema.path("propertyNames")), side(values)));
    }

    private static Side side(JsonNode schema) {
        return new Side(integer(schema, "minLength"), integer(schema, "maxLength"),
                schema.hasNonNull("pattern") ? Optional.of(schema.get("pattern").asText()) : Optional.empty());
    }

    private static Optional<Integer> integer(JsonNode schema, String name) {
        return schema.hasNonNull(name) ? Optional.of(schema.get(name).asInt()) : Optional.empty();
    }

    static JsonNode resolve(JsonNode schemas, JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            current = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }
}
