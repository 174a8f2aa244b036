package dev.berth.broker.security;

import java.util.Arrays;
import java.util.Optional;

/** The Berth roles a token can carry (Keycloak realm roles of the same name). */
public enum Role {
    TENANT_USER(Names.TENANT_USER),
    TENANT_ADMIN(Names.TENANT_ADMIN),
    PLATFORM_ADMIN(Names.PLATFORM_ADMIN);

    /** Constants for {@code @RolesAllowed}, which needs compile-time strings. */
    public static final class Names {
        public static final String TENANT_USER = "tenant-user";
        public static final String TENANT_ADMIN = "tenant-admin";
        public static final String PLATFORM_ADMIN = "platform-admin";

        private Names() {
        }
    }

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    public static Optional<Role> fromClaimValue(String value) {
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
    }
}
