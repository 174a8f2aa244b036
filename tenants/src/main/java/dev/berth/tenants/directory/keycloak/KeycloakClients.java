package dev.berth.tenants.directory.keycloak;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.tenants.directory.DirectoryClient;
import dev.berth.tenants.directory.DirectoryClients;
import dev.berth.tenants.directory.DirectoryUser;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

/** Service-account clients: confidential, client-credentials grant only, tagged with their tenant. */
final class KeycloakClients implements DirectoryClients {

    /** The client scopes of the realm's automation clients: audience {@code berth-api} and the tenant claim. */
    static final List<String> SERVICE_ACCOUNT_SCOPES =
            List.of("berth-api", "basic", "roles", "profile", "email", "web-origins", "acr", "service_account");

    private final RealmResource realm;
    private final KeycloakCalls calls;

    KeycloakClients(RealmResource realm, KeycloakCalls calls) {
        this.realm = realm;
        this.calls = calls;
    }

    @Override
    public String createServiceAccount(String clientId, String name, String description, String tenant) {
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(clientId);
        c.setName(name);
        c.setDescription(description == null ? "" : description);
        c.setEnabled(true);
        c.setPublicClient(false);
        c.setClientAuthenticatorType("client-secret");
        c.setProtocol("openid-connect");
        c.setStandardFlowEnabled(false);
        c.setImplicitFlowEnabled(false);
        c.setDirectAccessGrantsEnabled(false);
        c.setServiceAccountsEnabled(true);
        c.setFullScopeAllowed(true);
        c.setAttributes(Map.of(TENANT_ATTRIBUTE, tenant));
        c.setDefaultClientScopes(SERVICE_ACCOUNT_SCOPES);
        c.setOptionalClientScopes(List.of());
        return calls.created("creating client " + clientId, () -> realm.clients().create(c));
    }

    @Override
    public Optional<DirectoryClient> byId(String id) {
        return calls.find("reading client " + id, () -> realm.clients().get(id).toRepresentation()).map(KeycloakClients::client);
    }

    @Override
    public Optional<DirectoryClient> byClientId(String clientId) {
        return calls.call("looking up client " + clientId, () -> realm.clients().findByClientId(clientId)).stream()
                .findFirst().map(KeycloakClients::client);
    }

    @Override
    public List<DirectoryClient> tenantClients(String slug) {
        // Keycloak's search is an infix match on clientId: keep only this tenant's own.
        return calls.pages("listing clients", first -> realm.clients().findAll(slug + ".", null, true, first, KeycloakCalls.PAGE))
                .stream().map(KeycloakClients::client)
                .filter(c -> c.clientId().startsWith(slug + "."))
                .filter(c -> c.attribute(TENANT_ATTRIBUTE).filter(slug::equals).isPresent())
                .toList();
    }

    @Override
    public String secret(String id) {
        return calls.call("reading a client secret", () -> realm.clients().get(id).getSecret()).getValue();
    }

    @Override
    public String regenerateSecret(String id) {
        return calls.call("rotating a client secret", () -> realm.clients().get(id).generateNewSecret()).getValue();
    }

    @Override
    public DirectoryUser serviceAccountUser(String id) {
        return KeycloakUsers.user(calls.call("reading a service-account user", () -> realm.clients().get(id).getServiceAccountUser()));
    }

    @Override
    public boolean delete(String id) {
        return calls.delete("deleting client " + id, () -> realm.clients().get(id).remove());
    }

    static DirectoryClient client(ClientRepresentation c) {
        return new DirectoryClient(c.getId(), c.getClientId(), c.getName() == null ? "" : c.getName(),
                c.getDescription() == null ? "" : c.getDescription(), c.getAttributes() == null ? Map.of() : c.getAttributes());
    }
}
