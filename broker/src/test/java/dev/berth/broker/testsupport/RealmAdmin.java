package dev.berth.broker.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The realm as a human Keycloak administrator sees it (master realm admin of the local
 * stack, through the Keycloak admin client library): to check what Berth did in Keycloak, to
 * break things by hand (delete or rename a group), and to clean up what tests created. Talks
 * to the real Keycloak directly, never through the broker, its directory or a test proxy.
 */
public final class RealmAdmin {

    private static final String KEYCLOAK = Tokens.ISSUER.substring(0, Tokens.ISSUER.indexOf("/realms/"));
    private static Keycloak admin;

    private RealmAdmin() {
    }

    public static Optional<GroupRepresentation> group(String path) {
        return absentIfNotFound(() -> realm().getGroupByPath(path));
    }

    public static Optional<UserRepresentation> user(String username) {
        return realm().users().searchByUsername(username, true).stream().findFirst();
    }

    public static List<String> groupPathsOf(String userId) {
        return realm().users().get(userId).groups().stream().map(GroupRepresentation::getPath).toList();
    }

    public static List<String> realmRolesOf(String userId) {
        return realm().users().get(userId).roles().realmLevel().listAll().stream().map(RoleRepresentation::getName).toList();
    }

    public static Optional<ClientRepresentation> client(String clientId) {
        return realm().clients().findByClientId(clientId).stream().findFirst();
    }

    public static void deleteGroup(String path) {
        group(path).ifPresent(g -> realm().groups().group(g.getId()).remove());
    }

    public static void renameGroup(String path, String newName) {
        GroupRepresentation g = group(path).orElseThrow();
        g.setName(newName);
        realm().groups().group(g.getId()).update(g);
    }

    /** Creates {@code /tenants/<name>} by hand, as another tool would. */
    public static void createTenantGroup(String name) {
        GroupRepresentation g = new GroupRepresentation();
        g.setName(name);
        g.setAttributes(Map.of("tenant", List.of(name)));
        String parent = group("/tenants").orElseThrow().getId();
        realm().groups().group(parent).subGroup(g).close();
    }

    /** Removes the groups, users and clients whose names start with {@code prefix} (test leftovers). */
    public static void cleanUp(String prefix) {
        realm().clients().findAll(prefix, null, true, 0, 500).stream()
                .filter(c -> c.getClientId().startsWith(prefix))
                .forEach(c -> realm().clients().get(c.getId()).remove());
        realm().users().search(prefix, 0, 500).stream()
                .filter(u -> u.getUsername().startsWith(prefix))
                .forEach(u -> realm().users().get(u.getId()).remove());
        String parent = group("/tenants").orElseThrow().getId();
        realm().groups().group(parent).getSubGroups(0, 500, true).stream()
                .filter(g -> g.getName().startsWith(prefix))
                .forEach(g -> realm().groups().group(g.getId()).remove());
    }

    private static synchronized RealmResource realm() {
        if (admin == null) {
            admin = Keycloak.getInstance(KEYCLOAK, "master",
                    Optional.ofNullable(System.getenv("KEYCLOAK_ADMIN_USER")).orElse("admin-kc"),
                    Tokens.localSecret("KEYCLOAK_ADMIN_PASSWORD"), "admin-cli");
        }
        return admin.realm("berth");
    }

    private static <T> Optional<T> absentIfNotFound(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (WebApplicationException e) {
            // The Quarkus REST Client answers a 404 with a plain ClientWebApplicationException, not NotFoundException.
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
