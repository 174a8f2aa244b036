package dev.berth.tenants.directory;

import java.util.List;

/** A directory account as Berth reads it. */
public record DirectoryUser(String id, String username, String email, String firstName, String lastName, boolean enabled,
                     List<String> requiredActions, long createdTimestamp) {

    /** Keycloak names the user behind a client's service account {@code service-account-<clientId>}. */
    public static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public DirectoryUser {
        requiredActions = List.copyOf(requiredActions);
    }

    public boolean serviceAccount() {
        return username.startsWith(SERVICE_ACCOUNT_PREFIX);
    }
}
