package dev.berth.broker.members;

import java.util.List;

import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.broker.security.Role;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What makes an account a member of a tenant in Keycloak — the tenant group plus the realm
 * roles {@code tenant-user} / {@code tenant-admin} — and the facts about an account that
 * decide what a tenant may do with it. Shared by new accounts and accepted invitations.
 */
@ApplicationScoped
public class Memberships {

    static final String TENANT_USER = Role.TENANT_USER.claimValue();
    static final String TENANT_ADMIN = Role.TENANT_ADMIN.claimValue();

    private final DirectoryUsers users;

    Memberships(DirectoryUsers users) {
        this.users = users;
    }

    public void grant(String userId, DirectoryGroup group, boolean admin) {
        users.join(userId, group.id());
        users.grantRealmRole(userId, TENANT_USER);
        if (admin) {
            users.grantRealmRole(userId, TENANT_ADMIN);
        }
    }

    /** Takes the tenant roles first, then the group: a failure half-way leaves no role without a tenant claim. */
    public void revoke(String userId, DirectoryGroup group) {
        users.revokeRealmRole(userId, TENANT_ADMIN);
        users.revokeRealmRole(userId, TENANT_USER);
        users.leave(userId, group.id());
    }

    /** The groups of the account that carry a tenant claim (any tenant's). */
    public List<DirectoryGroup> tenantGroups(String userId) {
        return users.groups(userId).stream().filter(g -> g.attribute(DirectoryGroup.TENANT_ATTRIBUTE).isPresent()).toList();
    }

    public boolean platformAdmin(String userId) {
        return users.effectiveRealmRoles(userId).contains(Role.PLATFORM_ADMIN.claimValue());
    }
}
