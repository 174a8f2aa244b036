package dev.berth.broker.problems;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import dev.berth.api.model.FieldViolation;

/**
 * Says in JSON terms what was wrong with a request body Jackson could not read. Jackson's
 * own messages name Java types ({@code Cannot deserialize value of type java.lang.Long from
 * Floating-point value}, {@code Cannot construct instance of dev.berth.api.model…}); clients
 * know fields and JSON types, so the answer is built from the exception's path and target
 * type, never from its message.
 */
final class JsonProblems {

    /** A refusal: its code, its detail and the offending field, if one can be named. */
    record Refusal(ProblemCode code, String detail, List<FieldViolation> violations) {
    }

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '([^']*)'");

    private JsonProblems() {
    }

    static Refusal of(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof PropertyBindingException unknown) {
            // Jackson's path already ends with the unknown property.
            String field = path(unknown).isEmpty() ? unknown.getPropertyName() : path(unknown);
            return new Refusal(ProblemCode.REQUEST_INVALID, "Unknown field '" + field + "'.",
                    List.of(violation(field, "unknown field")));
        }
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            String field = parserPath(e).orElse(duplicate.group(1));
            return new Refusal(ProblemCode.REQUEST_MALFORMED,
                    "The key '" + field + "' appears more than once; a JSON object's keys must be unique.",
                    List.of(violation(field, "duplicate key")));
        }
        if (original.startsWith("Trailing token")) {
            return new Refusal(ProblemCode.REQUEST_MALFORMED,
                    "The request body has data after its JSON value" + at(e.getLocation()) + ".", List.of());
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            if (original.startsWith("Missing required")) {
                return new Refusal(ProblemCode.REQUEST_INVALID, "A required field is missing.",
                        List.of(violation(field, "is required")));
            }
            String expected = expected(mismatch.getTargetType());
            if (field.isEmpty()) {
                return new Refusal(ProblemCode.REQUEST_MALFORMED,
                        "The request body must be " + expected + " for this operation.", List.of());
            }
            return new Refusal(ProblemCode.REQUEST_MALFORMED, "Field '" + field + "' must be " + expected + ".",
                    List.of(violation(field, "must be " + expected)));
        }
        if (e instanceof JsonMappingException mapping && !path(mapping).isEmpty()) {
            String field = path(mapping);
            return new Refusal(ProblemCode.REQUEST_MALFORMED, "Field '" + field + "' has a value this operation cannot read.",
                    List.of(violation(field, "cannot be read")));
        }
        return new Refusal(ProblemCode.REQUEST_MALFORMED,
                "The request body is not valid JSON" + at(e.getLocation()) + ".", List.of());
    }

    /** The JSON type a Java target type stands for, as the OpenAPI schema would say it. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class
                || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 date-time string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || !type.isPrimitive() ? "a JSON object" : "of another JSON type";
    }

    /** {@code resources.memoryMiB}, {@code command[2]}: the field as the client wrote it. */
    static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    /** Where the parser stood (a duplicate key is found while parsing, before any binding). */
    private static java.util.Optional<String> parserPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) || parser.getParsingContext() == null) {
            return java.util.Optional.empty();
        }
        StringBuilder s = new StringBuilder();
        for (String segment : parser.getParsingContext().pathAsPointer().toString().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            s.append(name.chars().allMatch(Character::isDigit) && !s.isEmpty() ? "[" + name + "]"
                    : (s.isEmpty() ? "" : ".") + name);
        }
        return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(s.toString());
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static FieldViolation violation(String field, String message) {
        return new FieldViolation().field(field).message(message);
    }
}
