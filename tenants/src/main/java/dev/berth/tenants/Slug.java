package dev.berth.tenants;

import java.util.regex.Pattern;

/**
 * The tenant slug rule: 2-63 lower-case letters, digits and '-', starting and ending with a
 * letter or digit (a DNS label, so a slug fits a host name, a Keycloak group name and a
 * token claim unchanged). The OpenAPI schema states the same rule for REST; the gRPC
 * adapters check it here.
 */
public final class Slug {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 63;

    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");

    private Slug() {
    }

    public static boolean isValid(String value) {
        return value != null && value.length() >= MIN_LENGTH && value.length() <= MAX_LENGTH
                && SHAPE.matcher(value).matches();
    }
}
