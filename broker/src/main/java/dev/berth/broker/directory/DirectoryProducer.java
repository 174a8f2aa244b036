package dev.berth.broker.directory;

import dev.berth.tenants.directory.Directory;
import dev.berth.tenants.directory.DirectoryClients;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.tenants.directory.keycloak.KeycloakConnection;
import dev.berth.tenants.directory.keycloak.KeycloakDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the tenants' {@link Directory} once from {@code berth.keycloak.*}: the Keycloak
 * directory of the tenants module, whose admin client library runs here on the Quarkus REST
 * Client ({@code quarkus-keycloak-admin-rest-client} installs it). Services inject the part
 * they use.
 */
@ApplicationScoped
public class DirectoryProducer {

    @Produces
    @Singleton
    KeycloakDirectory directory(DirectorySettings settings) {
        return KeycloakDirectory.open(new KeycloakConnection(settings.url(), settings.realm(), settings.clientId(),
                settings.clientSecret(), settings.timeout(), settings.tenantsGroup()));
    }

    void close(@Disposes KeycloakDirectory directory) {
        directory.close();
    }

    @Produces
    DirectoryUsers users(KeycloakDirectory directory) {
        return directory.users();
    }

    @Produces
    DirectoryGroups groups(KeycloakDirectory directory) {
        return directory.groups();
    }

    @Produces
    DirectoryClients clients(KeycloakDirectory directory) {
        return directory.clients();
    }
}
