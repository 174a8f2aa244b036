package dev.berth.tenants.directory.keycloak;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryRefused;
import dev.berth.tenants.directory.DirectoryUser;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.tenants.directory.NewUser;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.RoleScopeResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Users, their group memberships and realm-role mappings. Role representations are read from
 * the user's own mappings ({@code role-mappings/realm[/available]}), so the directory's client
 * needs no realm-wide {@code view-realm} permission.
 */
final class KeycloakUsers implements DirectoryUsers {

    private final RealmResource realm;
    private final KeycloakCalls calls;

    KeycloakUsers(RealmResource realm, KeycloakCalls calls) {
        this.realm = realm;
        this.calls = calls;
    }

    @Override
    public Optional<DirectoryUser> byUsername(String username) {
        return calls.call("looking up user " + username, () -> realm.users().searchByUsername(username, true)).stream()
                .filter(u -> username.equalsIgnoreCase(u.getUsername()))
                .findFirst().map(KeycloakUsers::user);
    }

    @Override
    public Optional<DirectoryUser> byId(String id) {
        return calls.find("reading user " + id, () -> realm.users().get(id).toRepresentation()).map(KeycloakUsers::user);
    }

    @Override
    public boolean emailTaken(String email) {
        return calls.call("looking up an email", () -> realm.users().searchByEmail(email, true)).stream()
                .anyMatch(u -> email.equalsIgnoreCase(u.getEmail()));
    }

    @Override
    public String create(NewUser user, String temporaryPassword) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(user.username());
        u.setEnabled(true);
        u.setEmail(blankToNull(user.email()));
        u.setFirstName(blankToNull(user.firstName()));
        u.setLastName(blankToNull(user.lastName()));
        u.setCredentials(List.of(temporary(temporaryPassword)));
        return calls.created("creating user " + user.username(), () -> realm.users().create(u));
    }

    @Override
    public void resetPassword(String userId, String temporaryPassword) {
        calls.run("resetting a password", () -> realm.users().get(userId).resetPassword(temporary(temporaryPassword)));
    }

    @Override
    public boolean delete(String userId) {
        return calls.delete("deleting user " + userId, () -> realm.users().get(userId).remove());
    }

    @Override
    public List<DirectoryGroup> groups(String userId) {
        return calls.find("reading groups of user " + userId, () -> realm.users().get(userId).groups(null, null, false))
                .orElse(List.of()).stream().map(KeycloakGroups::group).toList();
    }

    @Override
    public void join(String userId, String groupId) {
        calls.run("adding user " + userId + " to group " + groupId, () -> realm.users().get(userId).joinGroup(groupId));
    }

    @Override
    public boolean leave(String userId, String groupId) {
        return calls.delete("removing user " + userId + " from group " + groupId,
                () -> realm.users().get(userId).leaveGroup(groupId));
    }

    @Override
    public Set<String> realmRoles(String userId) {
        return names(calls.call("reading roles of user " + userId, () -> realmRoleMappings(userId).listAll()));
    }

    @Override
    public Set<String> effectiveRealmRoles(String userId) {
        return names(calls.call("reading roles of user " + userId, () -> realmRoleMappings(userId).listEffective()));
    }

    @Override
    public void grantRealmRole(String userId, String role) {
        Optional<RoleRepresentation> available = named(calls.call("reading roles of user " + userId,
                () -> realmRoleMappings(userId).listAvailable()), role);
        if (available.isEmpty()) {
            if (realmRoles(userId).contains(role)) {
                return;
            }
            throw new DirectoryRefused("granting role " + role, 404, "no realm role " + role);
        }
        calls.run("granting role " + role + " to user " + userId, () -> realmRoleMappings(userId).add(List.of(available.get())));
    }

    @Override
    public void revokeRealmRole(String userId, String role) {
        Optional<RoleRepresentation> mapped = named(calls.call("reading roles of user " + userId,
                () -> realmRoleMappings(userId).listAll()), role);
        if (mapped.isPresent()) {
            calls.run("revoking role " + role + " from user " + userId, () -> realmRoleMappings(userId).remove(List.of(mapped.get())));
        }
    }

    private RoleScopeResource realmRoleMappings(String userId) {
        return realm.users().get(userId).roles().realmLevel();
    }

    private static CredentialRepresentation temporary(String password) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(CredentialRepresentation.PASSWORD);
        c.setValue(password);
        c.setTemporary(true);
        return c;
    }

    private static Optional<RoleRepresentation> named(List<RoleRepresentation> roles, String name) {
        return roles.stream().filter(r -> name.equals(r.getName())).findFirst();
    }

    private static Set<String> names(List<RoleRepresentation> roles) {
        Set<String> out = new TreeSet<>();
        roles.forEach(r -> out.add(r.getName()));
        return out;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static DirectoryUser user(UserRepresentation u) {
        return new DirectoryUser(u.getId(), u.getUsername(), u.getEmail(), u.getFirstName(), u.getLastName(),
                u.isEnabled() == null || u.isEnabled(),
                u.getRequiredActions() == null ? List.of() : u.getRequiredActions(),
                u.getCreatedTimestamp() == null ? 0 : u.getCreatedTimestamp());
    }
}
