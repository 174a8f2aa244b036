package dev.berth.broker.problems;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read strictly: a body two parsers could read differently is refused
 * rather than guessed at. Duplicate keys (last-wins in Jackson, first-wins elsewhere),
 * data after the value, and every scalar coercion — {@code 16.5} into an integer field
 * (Jackson would truncate it to 16), {@code "16"} into a number, {@code 16} into a string,
 * {@code 1} into a boolean — are errors, mapped to {@code request.malformed} naming the field
 * by {@link JsonProblems}. Unknown fields are refused by
 * {@code quarkus.jackson.fail-on-unknown-properties}. Only the REST mapper is affected; the
 * persistence layer's own mapper ({@code db.Json}) reads what Berth itself wrote.
 */
@Singleton
public class StrictRequestJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** The strict settings, also used by tests on a plain mapper. */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Textual, LogicalType.Enum, LogicalType.DateTime}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, scalarFrom(type, CoercionInputShape.Integer))
                    .setCoercion(CoercionInputShape.Float, scalarFrom(type, CoercionInputShape.Float))
                    .setCoercion(CoercionInputShape.Boolean, scalarFrom(type, CoercionInputShape.Boolean))
                    .setCoercion(CoercionInputShape.String, scalarFrom(type, CoercionInputShape.String))
                    .setCoercion(CoercionInputShape.EmptyString, scalarFrom(type, CoercionInputShape.EmptyString));
        }
        for (LogicalType type : new LogicalType[] {LogicalType.POJO, LogicalType.Map, LogicalType.Collection,
                LogicalType.Array}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        return mapper;
    }

    /** A JSON scalar is accepted only as the JSON type the schema names. */
    private static CoercionAction scalarFrom(LogicalType target, CoercionInputShape shape) {
        boolean same = switch (target) {
            case Integer -> shape == CoercionInputShape.Integer;
            // A JSON number with or without a fraction is a number (vcpu: 1 and 1.5 alike).
            case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
            // Spelled as strings in the schema; "" would otherwise become null.
            case Enum, DateTime -> shape == CoercionInputShape.String;
            default -> false;
        };
        return same ? CoercionAction.TryConvert : CoercionAction.Fail;
    }
}
