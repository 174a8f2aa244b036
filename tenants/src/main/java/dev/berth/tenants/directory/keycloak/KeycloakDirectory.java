package dev.berth.tenants.directory.keycloak;

import dev.berth.tenants.directory.Directory;
import dev.berth.tenants.directory.DirectoryClients;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryUsers;
import jakarta.ws.rs.client.Client;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * The {@link Directory} on Keycloak, through the Keycloak admin client library (JAX-RS proxies
 * over Keycloak's representation classes). The library caches and refreshes the client's
 * token; {@link KeycloakCalls} turns its exceptions into the directory's outcomes.
 */
public final class KeycloakDirectory implements Directory, AutoCloseable {

    /**
     * Read timeout property of the Quarkus REST Client, which the admin client runs on inside
     * the broker; the client reads it on every request.
     */
    static final String QUARKUS_READ_TIMEOUT = "io.quarkus.rest.client.read-timeout";

    private final Keycloak keycloak;
    private final KeycloakUsers users;
    private final KeycloakGroups groups;
    private final KeycloakClients clients;

    private KeycloakDirectory(Keycloak keycloak, KeycloakConnection connection) {
        this.keycloak = keycloak;
        RealmResource realm = keycloak.realm(connection.realm());
        KeycloakCalls calls = new KeycloakCalls(connection.clientId(), connection.hasSecret());
        this.users = new KeycloakUsers(realm, calls);
        this.groups = new KeycloakGroups(realm, calls, connection.tenantsGroup());
        this.clients = new KeycloakClients(realm, calls);
    }

    /**
     * A directory on the JAX-RS client the installed admin-client provider makes (in the
     * broker, the Quarkus REST Client's, which honours {@link KeycloakConnection#timeout()}).
     */
    public static KeycloakDirectory open(KeycloakConnection connection) {
        Client http = Keycloak.getClientProvider().newRestEasyClient(null, null, false);
        http.property(QUARKUS_READ_TIMEOUT, connection.timeout().toMillis());
        return open(connection, http);
    }

    /** A directory on a JAX-RS client the caller made (and configured its timeouts on). */
    public static KeycloakDirectory open(KeycloakConnection connection, Client http) {
        Keycloak keycloak = KeycloakBuilder.builder()
                .serverUrl(connection.url())
                .realm(connection.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(connection.clientId())
                .clientSecret(connection.clientSecret().orElse(""))
                .resteasyClient(http)
                .build();
        return new KeycloakDirectory(keycloak, connection);
    }

    @Override
    public DirectoryUsers users() {
        return users;
    }

    @Override
    public DirectoryGroups groups() {
        return groups;
    }

    @Override
    public DirectoryClients clients() {
        return clients;
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
