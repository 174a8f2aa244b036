package dev.berth.broker.members;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.berth.broker.keycloak.KcGroup;
import dev.berth.broker.keycloak.KcUser;
import dev.berth.broker.keycloak.KeycloakGroups;
import dev.berth.broker.keycloak.KeycloakUsers;
import dev.berth.broker.keycloak.TemporaryPasswords;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.Role;
import dev.berth.broker.tenants.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The people of a tenant, all in Keycloak: membership of the tenant group plus the realm
 * roles {@code tenant-user} / {@code tenant-admin}. A user belongs to at most one tenant (the
 * token's tenant claim is single-valued). Removing a member keeps the account (it may come
 * from a federated directory) but takes the group and the tenant roles away.
 */
@ApplicationScoped
public class MemberService {

    private static final String TENANT_USER = Role.TENANT_USER.claimValue();
    private static final String TENANT_ADMIN = Role.TENANT_ADMIN.claimValue();

    private final TenantScope scope;
    private final KeycloakGroups groups;
    private final KeycloakUsers users;

    MemberService(TenantScope scope, KeycloakGroups groups, KeycloakUsers users) {
        this.scope = scope;
        this.groups = groups;
        this.users = users;
    }

    public record NewMember(String username, String email, String firstName, String lastName, boolean tenantAdmin) {
    }

    /** A member and, when an account was created or its password reset, the one-time password. */
    public record WithPassword(Member member, Optional<String> temporaryPassword) {
    }

    public List<Member> list(Caller caller, String tenantParam) {
        KcGroup group = scope.resolve(caller, tenantParam).group();
        return groups.members(group.id()).stream().filter(u -> !u.serviceAccount()).map(this::member).toList();
    }

    public WithPassword add(Caller caller, String tenantParam, NewMember request) {
        KcGroup group = scope.resolveForChange(caller, tenantParam).group();
        Optional<KcUser> existing = users.byUsername(request.username());
        if (existing.isPresent()) {
            KcUser user = existing.get();
            requireJoinable(user, group, request.username());
            grantMembership(user.id(), group, request.tenantAdmin());
            return new WithPassword(member(users.byId(user.id()).orElse(user)), Optional.empty());
        }
        if (request.email() != null && users.emailTaken(request.email())) {
            throw new MemberProblems.EmailTaken(request.email());
        }
        String password = TemporaryPasswords.generate();
        String id = users.create(new KeycloakUsers.NewUser(request.username(), request.email(), request.firstName(),
                request.lastName()), password);
        try {
            grantMembership(id, group, request.tenantAdmin());
        } catch (BerthProblem failure) {
            // Never leave an account half-made: one this call created and could not finish goes.
            users.delete(id);
            throw failure;
        }
        return new WithPassword(member(users.byId(id).orElseThrow(() -> new MemberProblems.NotFound(id))), Optional.of(password));
    }

    /** An existing account may join only if it is in no tenant and is not a platform admin. */
    private void requireJoinable(KcUser user, KcGroup group, String username) {
        if (user.serviceAccount()) {
            throw new MemberProblems.UsernameTaken(username);
        }
        List<KcGroup> memberOf = users.groups(user.id());
        if (memberOf.stream().anyMatch(g -> g.id().equals(group.id()))) {
            throw new MemberProblems.AlreadyMember(username);
        }
        boolean inATenant = memberOf.stream().anyMatch(g -> g.attribute(KcGroup.TENANT_ATTRIBUTE).isPresent());
        if (inATenant || users.effectiveRealmRoles(user.id()).contains(Role.PLATFORM_ADMIN.claimValue())) {
            throw new MemberProblems.UsernameTaken(username);
        }
    }

    private void grantMembership(String userId, KcGroup group, boolean admin) {
        users.join(userId, group.id());
        users.grantRealmRole(userId, TENANT_USER);
        if (admin) {
            users.grantRealmRole(userId, TENANT_ADMIN);
        }
    }

    public void remove(Caller caller, String tenantParam, String userId) {
        KcGroup group = scope.resolve(caller, tenantParam).group();
        KcUser user = requireMember(group, userId);
        users.revokeRealmRole(user.id(), TENANT_ADMIN);
        users.revokeRealmRole(user.id(), TENANT_USER);
        users.leave(user.id(), group.id());
    }

    public Member grantAdmin(Caller caller, String tenantParam, String userId) {
        KcGroup group = scope.resolveForChange(caller, tenantParam).group();
        KcUser user = requireMember(group, userId);
        users.grantRealmRole(user.id(), TENANT_ADMIN);
        return member(user);
    }

    public Member revokeAdmin(Caller caller, String tenantParam, String userId) {
        KcGroup group = scope.resolve(caller, tenantParam).group();
        KcUser user = requireMember(group, userId);
        users.revokeRealmRole(user.id(), TENANT_ADMIN);
        users.grantRealmRole(user.id(), TENANT_USER);
        return member(user);
    }

    public WithPassword resetPassword(Caller caller, String tenantParam, String userId) {
        KcGroup group = scope.resolve(caller, tenantParam).group();
        KcUser user = requireMember(group, userId);
        String password = TemporaryPasswords.generate();
        users.resetPassword(user.id(), password);
        return new WithPassword(member(users.byId(user.id()).orElse(user)), Optional.of(password));
    }

    /** The user, if it is a person of this tenant; anyone else (other tenants' too) is "not found". */
    private KcUser requireMember(KcGroup group, String userId) {
        Optional<KcUser> user = users.byId(userId).filter(u -> !u.serviceAccount());
        if (user.isEmpty() || users.groups(userId).stream().noneMatch(g -> g.id().equals(group.id()))) {
            throw new MemberProblems.NotFound(userId);
        }
        return user.get();
    }

    private Member member(KcUser user) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : users.realmRoles(user.id())) {
            if (role.equals(TENANT_ADMIN)) {
                roles.add(TENANT_ADMIN);
                roles.add(TENANT_USER);
            } else if (role.equals(TENANT_USER)) {
                roles.add(TENANT_USER);
            }
        }
        return new Member(user, roles);
    }
}
