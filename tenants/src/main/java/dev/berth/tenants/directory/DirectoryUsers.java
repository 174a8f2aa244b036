package dev.berth.tenants.directory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** People (and service-account users): accounts, passwords, group memberships and realm roles. */
public interface DirectoryUsers {

    /** The account named exactly {@code username} (case-insensitive, as the provider compares names). */
    Optional<DirectoryUser> byUsername(String username);

    Optional<DirectoryUser> byId(String id);

    /** True when some account already uses {@code email}. */
    boolean emailTaken(String email);

    /**
     * Creates an enabled account with a temporary password (a new one is required at first
     * login) and no groups; its id. A name or email already in use is a {@link DirectoryRefused}
     * with {@link DirectoryRefused#conflict()}.
     */
    String create(NewUser user, String temporaryPassword);

    /** Replaces the account's password by a temporary one. */
    void resetPassword(String userId, String temporaryPassword);

    /** False when there was no such account. */
    boolean delete(String userId);

    /** The groups the account belongs to (empty when the account is gone). */
    List<DirectoryGroup> groups(String userId);

    void join(String userId, String groupId);

    /** False when the account or the group was not there. */
    boolean leave(String userId, String groupId);

    /** Realm roles mapped directly to the account. */
    Set<String> realmRoles(String userId);

    /** Realm roles the account holds directly, through composites or through groups. */
    Set<String> effectiveRealmRoles(String userId);

    /** Maps realm role {@code role} to the account; nothing to do if it already is. */
    void grantRealmRole(String userId, String role);

    /** Removes the direct mapping of realm role {@code role}; nothing to do if there is none. */
    void revokeRealmRole(String userId, String role);
}
