package dev.berth.broker.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm as a human Keycloak administrator sees it (master realm admin of the local
 * stack): to check what Berth did in Keycloak, to break things by hand (delete or rename a
 * group), and to clean up what tests created. Talks to the real Keycloak directly, never
 * through the broker or a test proxy.
 */
public final class RealmAdmin {

    private static final String KEYCLOAK = Tokens.ISSUER.substring(0, Tokens.ISSUER.indexOf("/realms/"));
    private static final String REALM = KEYCLOAK + "/admin/realms/berth";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealmAdmin() {
    }

    public static Optional<JsonNode> group(String path) {
        return get("/group-by-path" + path);
    }

    public static Optional<JsonNode> user(String username) {
        JsonNode found = get("/users?exact=true&briefRepresentation=false&username=" + enc(username)).orElseThrow();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public static List<String> groupPathsOf(String userId) {
        List<String> out = new ArrayList<>();
        get("/users/" + userId + "/groups").orElseThrow().forEach(g -> out.add(g.path("path").asText()));
        return out;
    }

    public static List<String> realmRolesOf(String userId) {
        List<String> out = new ArrayList<>();
        get("/users/" + userId + "/role-mappings/realm").orElseThrow().forEach(r -> out.add(r.path("name").asText()));
        return out;
    }

    public static Optional<JsonNode> client(String clientId) {
        JsonNode found = get("/clients?clientId=" + enc(clientId)).orElseThrow();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public static void deleteGroup(String path) {
        group(path).ifPresent(g -> send("DELETE", "/groups/" + g.path("id").asText(), null));
    }

    public static void renameGroup(String path, String newName) {
        JsonNode g = group(path).orElseThrow();
        send("PUT", "/groups/" + g.path("id").asText(), Map.of("name", newName, "attributes", g.path("attributes")));
    }

    /** Creates {@code /tenants/<name>} by hand, as another tool would. */
    public static void createTenantGroup(String name) {
        String parent = group("/tenants").orElseThrow().path("id").asText();
        send("POST", "/groups/" + parent + "/children", Map.of("name", name, "attributes", Map.of("tenant", List.of(name))));
    }

    /** Removes the groups, users and clients whose names start with {@code prefix} (test leftovers). */
    public static void cleanUp(String prefix) {
        get("/clients?search=true&max=500&clientId=" + enc(prefix)).orElseThrow().forEach(c -> {
            if (c.path("clientId").asText().startsWith(prefix)) {
                send("DELETE", "/clients/" + c.path("id").asText(), null);
            }
        });
        get("/users?max=500&search=" + enc(prefix)).orElseThrow().forEach(u -> {
            if (u.path("username").asText().startsWith(prefix)) {
                send("DELETE", "/users/" + u.path("id").asText(), null);
            }
        });
        String parent = group("/tenants").orElseThrow().path("id").asText();
        get("/groups/" + parent + "/children?max=500").orElseThrow().forEach(g -> {
            if (g.path("name").asText().startsWith(prefix)) {
                send("DELETE", "/groups/" + g.path("id").asText(), null);
            }
        });
    }

    private static Optional<JsonNode> get(String path) {
        HttpResponse<String> r = send("GET", path, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> send(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(REALM + path))
                    .header("Authorization", "Bearer " + masterToken())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300 && r.statusCode() != 404) {
                throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String masterToken() throws IOException, InterruptedException {
        String user = Optional.ofNullable(System.getenv("KEYCLOAK_ADMIN_USER")).orElse("admin-kc");
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(user)
                + "&password=" + enc(Tokens.localSecret("KEYCLOAK_ADMIN_PASSWORD"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("master admin login failed: " + r.body());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
