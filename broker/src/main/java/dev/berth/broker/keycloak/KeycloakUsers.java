package dev.berth.broker.keycloak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Users, their group memberships and realm-role mappings. Role ids are read from the user's
 * own mappings ({@code role-mappings/realm[/available]}), so the broker's client needs no
 * realm-wide {@code view-realm} permission.
 */
@ApplicationScoped
public class KeycloakUsers {

    private final KeycloakHttp http;

    KeycloakUsers(KeycloakHttp http) {
        this.http = http;
    }

    /** A new user's profile; Keycloak's default user profile requires email, first and last name. */
    public record NewUser(String username, String email, String firstName, String lastName) {
    }

    public Optional<KcUser> byUsername(String username) {
        JsonNode found = http.get("looking up user " + username, "/users?exact=true&briefRepresentation=false&username="
                + KeycloakHttp.encode(username)).orElseThrow();
        for (JsonNode u : found) {
            if (u.path("username").asText().equalsIgnoreCase(username)) {
                return Optional.of(user(u));
            }
        }
        return Optional.empty();
    }

    public boolean emailTaken(String email) {
        JsonNode found = http.get("looking up an email", "/users?exact=true&briefRepresentation=true&email="
                + KeycloakHttp.encode(email)).orElseThrow();
        for (JsonNode u : found) {
            if (email.equalsIgnoreCase(u.path("email").asText())) {
                return true;
            }
        }
        return false;
    }

    public Optional<KcUser> byId(String id) {
        return http.get("reading user " + id, "/users/" + KeycloakHttp.encode(id)).map(KeycloakUsers::user);
    }

    /**
     * Creates an enabled user with a temporary password (Keycloak then requires a new one at
     * first login) and no groups; returns its id.
     */
    public String create(NewUser user, String temporaryPassword) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.username());
        body.put("enabled", true);
        putIfPresent(body, "email", user.email());
        putIfPresent(body, "firstName", user.firstName());
        putIfPresent(body, "lastName", user.lastName());
        body.put("credentials", List.of(Map.of("type", "password", "value", temporaryPassword, "temporary", true)));
        return http.post("creating user " + user.username(), "/users", body)
                .orElseThrow(() -> new KeycloakUnavailable("creating user " + user.username(), "no Location in the answer"));
    }

    /** Replaces the user's password by a temporary one. */
    public void resetPassword(String userId, String temporaryPassword) {
        http.put("resetting a password", "/users/" + userId + "/reset-password",
                Map.of("type", "password", "value", temporaryPassword, "temporary", true));
    }

    public boolean delete(String userId) {
        return http.delete("deleting user " + userId, "/users/" + userId, null);
    }

    public List<KcGroup> groups(String userId) {
        List<KcGroup> out = new ArrayList<>();
        http.get("reading groups of user " + userId, "/users/" + userId + "/groups?briefRepresentation=false")
                .ifPresent(page -> page.forEach(g -> out.add(KeycloakGroups.group(g))));
        return out;
    }

    public void join(String userId, String groupId) {
        http.put("adding user " + userId + " to group " + groupId, "/users/" + userId + "/groups/" + groupId, null);
    }

    public boolean leave(String userId, String groupId) {
        return http.delete("removing user " + userId + " from group " + groupId, "/users/" + userId + "/groups/" + groupId, null);
    }

    /** Realm roles mapped directly to the user. */
    public Set<String> realmRoles(String userId) {
        return names(http.get("reading roles of user " + userId, "/users/" + userId + "/role-mappings/realm").orElseThrow());
    }

    /** Realm roles the user holds directly, through composites or through groups. */
    public Set<String> effectiveRealmRoles(String userId) {
        return names(http.get("reading roles of user " + userId, "/users/" + userId
                + "/role-mappings/realm/composite").orElseThrow());
    }

    /** Maps realm role {@code role} to the user; nothing to do if it already is. */
    public void grantRealmRole(String userId, String role) {
        String path = "/users/" + userId + "/role-mappings/realm";
        Optional<JsonNode> available = find(http.get("reading roles of user " + userId, path + "/available").orElseThrow(), role);
        if (available.isEmpty()) {
            if (realmRoles(userId).contains(role)) {
                return;
            }
            throw new KeycloakRefused("granting role " + role, 404, "no realm role " + role);
        }
        http.post("granting role " + role + " to user " + userId, path, List.of(available.get()));
    }

    /** Removes the direct mapping of realm role {@code role}; nothing to do if there is none. */
    public void revokeRealmRole(String userId, String role) {
        String path = "/users/" + userId + "/role-mappings/realm";
        Optional<JsonNode> mapped = find(http.get("reading roles of user " + userId, path).orElseThrow(), role);
        if (mapped.isPresent()) {
            http.delete("revoking role " + role + " from user " + userId, path, List.of(mapped.get()));
        }
    }

    private static Optional<JsonNode> find(JsonNode roles, String name) {
        for (JsonNode r : roles) {
            if (name.equals(r.path("name").asText())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static Set<String> names(JsonNode roles) {
        Set<String> out = new TreeSet<>();
        roles.forEach(r -> out.add(r.path("name").asText()));
        return out;
    }

    private static void putIfPresent(Map<String, Object> body, String key, String value) {
        if (value != null && !value.isBlank()) {
            body.put(key, value);
        }
    }

    static KcUser user(JsonNode u) {
        List<String> actions = new ArrayList<>();
        u.path("requiredActions").forEach(a -> actions.add(a.asText()));
        return new KcUser(u.path("id").asText(), u.path("username").asText(), text(u, "email"), text(u, "firstName"),
                text(u, "lastName"), u.path("enabled").asBoolean(true), actions, u.path("createdTimestamp").asLong());
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
