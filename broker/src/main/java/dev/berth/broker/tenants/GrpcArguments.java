package dev.berth.broker.tenants;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.google.protobuf.Timestamp;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.tenants.Slug;

/**
 * The path and query parameters of the tenant, member and service-account routes, checked
 * for the gRPC adapters exactly as the OpenAPI constraints check them for REST.
 */
public final class GrpcArguments {

    private GrpcArguments() {
    }

    /** A required tenant slug. */
    public static String slug(String field, String value) {
        if (!Slug.isValid(value)) {
            throw new InvalidRequest(field, "must be a tenant slug (2-63 characters, lower-case letters, digits, '-')");
        }
        return value;
    }

    /** An optional tenant slug: empty means "not given". */
    public static String optionalSlug(String field, String value) {
        return value.isEmpty() ? null : slug(field, value);
    }

    public static String uuid(String field, String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field, "must be a UUID");
        }
    }

    public static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    public static Timestamp timestamp(OffsetDateTime t) {
        return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
    }
}
