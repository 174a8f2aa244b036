package dev.berth.broker.keycloak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Confidential clients with a service account (client-credentials grant only), the machine
 * identities of a tenant's programs. They get the same client scopes as the realm's
 * automation clients, so their tokens carry audience {@code berth-api} and the tenant claim.
 */
@ApplicationScoped
public class KeycloakClients {

    /** Client attribute naming the owning tenant; Berth only manages clients that carry it. */
    public static final String TENANT_ATTRIBUTE = "berth.tenant";
    static final List<String> SERVICE_ACCOUNT_SCOPES =
            List.of("berth-api", "basic", "roles", "profile", "email", "web-origins", "acr", "service_account");
    private static final int PAGE = 100;

    private final KeycloakHttp http;

    KeycloakClients(KeycloakHttp http) {
        this.http = http;
    }

    /** Creates the client (Keycloak generates its secret and its service-account user); its id. */
    public String createServiceAccount(String clientId, String name, String description, String tenant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("name", name);
        body.put("description", description == null ? "" : description);
        body.put("enabled", true);
        body.put("publicClient", false);
        body.put("clientAuthenticatorType", "client-secret");
        body.put("protocol", "openid-connect");
        body.put("standardFlowEnabled", false);
        body.put("implicitFlowEnabled", false);
        body.put("directAccessGrantsEnabled", false);
        body.put("serviceAccountsEnabled", true);
        body.put("fullScopeAllowed", true);
        body.put("attributes", Map.of(TENANT_ATTRIBUTE, tenant));
        body.put("defaultClientScopes", SERVICE_ACCOUNT_SCOPES);
        body.put("optionalClientScopes", List.of());
        return http.post("creating client " + clientId, "/clients", body)
                .orElseThrow(() -> new KeycloakUnavailable("creating client " + clientId, "no Location in the answer"));
    }

    public Optional<KcClient> byId(String id) {
        return http.get("reading client " + id, "/clients/" + KeycloakHttp.encode(id)).map(KeycloakClients::client);
    }

    public Optional<KcClient> byClientId(String clientId) {
        JsonNode found = http.get("looking up client " + clientId, "/clients?clientId=" + KeycloakHttp.encode(clientId))
                .orElseThrow();
        return found.isEmpty() ? Optional.empty() : Optional.of(client(found.get(0)));
    }

    /** Clients whose clientId contains {@code fragment} (Keycloak's infix search). */
    public List<KcClient> search(String fragment) {
        List<KcClient> out = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode page = http.get("listing clients", "/clients?search=true&clientId=" + KeycloakHttp.encode(fragment)
                    + "&first=" + first + "&max=" + PAGE).orElseThrow();
            page.forEach(c -> out.add(client(c)));
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    /** The tenant's Berth-managed service accounts: clients {@code <slug>.<name>} tagged with the tenant. */
    public List<KcClient> tenantClients(String slug) {
        return search(slug + ".").stream()
                .filter(c -> c.clientId().startsWith(slug + "."))
                .filter(c -> c.attribute(TENANT_ATTRIBUTE).filter(slug::equals).isPresent())
                .toList();
    }

    public String secret(String id) {
        return http.get("reading a client secret", "/clients/" + id + "/client-secret")
                .orElseThrow(() -> new KeycloakRefused("reading a client secret", 404, "client " + id + " is gone"))
                .path("value").asText();
    }

    /** A new secret; the old one stops working at once. */
    public String regenerateSecret(String id) {
        return http.postForJson("rotating a client secret", "/clients/" + id + "/client-secret", null).path("value").asText();
    }

    public KcUser serviceAccountUser(String id) {
        return http.get("reading a service-account user", "/clients/" + id + "/service-account-user")
                .map(KeycloakUsers::user)
                .orElseThrow(() -> new KeycloakRefused("reading a service-account user", 404, "client " + id + " has none"));
    }

    /** Deletes the client and, with it, its service-account user. */
    public boolean delete(String id) {
        return http.delete("deleting client " + id, "/clients/" + id, null);
    }

    static KcClient client(JsonNode c) {
        Map<String, String> attributes = new LinkedHashMap<>();
        c.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return new KcClient(c.path("id").asText(), c.path("clientId").asText(), c.path("name").asText(""),
                c.path("description").asText(""), attributes);
    }
}
