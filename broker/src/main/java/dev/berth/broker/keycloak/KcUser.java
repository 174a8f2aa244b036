package dev.berth.broker.keycloak;

import java.util.List;

/** A Keycloak user as Berth reads it. */
public record KcUser(String id, String username, String email, String firstName, String lastName, boolean enabled,
                     List<String> requiredActions, long createdTimestamp) {

    /** Keycloak names the user behind a client's service account {@code service-account-<clientId>}. */
    public static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public KcUser {
        requiredActions = List.copyOf(requiredActions);
    }

    public boolean serviceAccount() {
        return username.startsWith(SERVICE_ACCOUNT_PREFIX);
    }
}
