package dev.berth.broker.members;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryUser;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryRefused;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.tenants.directory.TemporaryPasswords;
import dev.berth.broker.security.Caller;
import dev.berth.broker.tenants.TenantScope;
import dev.berth.tenants.directory.NewUser;
import jakarta.enterprise.context.ApplicationScoped;

import static dev.berth.broker.members.Memberships.TENANT_ADMIN;
import static dev.berth.broker.members.Memberships.TENANT_USER;

/**
 * The people of a tenant, all in Keycloak: membership of the tenant group plus the realm
 * roles {@code tenant-user} / {@code tenant-admin}. A user belongs to at most one tenant (the
 * token's tenant claim is single-valued). A tenant gets people two ways only: a new account
 * Berth creates for it here (recorded in {@link CreatedAccounts}), or an existing person who
 * accepts an invitation ({@link InvitationService}) — never by naming someone else's account.
 * Removing a member keeps the account (it may come from a federated directory) but takes the
 * group and the tenant roles away.
 */
@ApplicationScoped
public class MemberService {

    private final TenantScope scope;
    private final DirectoryGroups groups;
    private final DirectoryUsers users;
    private final Memberships memberships;
    private final CreatedAccounts accounts;
    private final Database db;
    private final EventLog events;

    MemberService(TenantScope scope, DirectoryGroups groups, DirectoryUsers users, Memberships memberships,
                  CreatedAccounts accounts, Database db, EventLog events) {
        this.scope = scope;
        this.groups = groups;
        this.users = users;
        this.memberships = memberships;
        this.accounts = accounts;
        this.db = db;
        this.events = events;
    }

    public record NewMember(String username, String email, String firstName, String lastName, boolean tenantAdmin) {
    }

    /** A member and, when an account was created or its password reset, the one-time password. */
    public record WithPassword(Member member, Optional<String> temporaryPassword) {
    }

    public List<Member> list(Caller caller, String tenantParam) {
        DirectoryGroup group = scope.resolve(caller, tenantParam).group();
        return groups.members(group.id()).stream().filter(u -> !u.serviceAccount()).map(this::member).toList();
    }

    /**
     * Creates a new account for the tenant. Any account already using the username or the
     * e-mail address — whoever's — gets the one {@link MemberProblems.Unavailable} answer.
     */
    public WithPassword add(Caller caller, String tenantParam, NewMember request) {
        TenantScope.Scoped scoped = scope.resolveForChange(caller, tenantParam);
        if (users.byUsername(request.username()).isPresent()
                || (request.email() != null && users.emailTaken(request.email()))) {
            throw new MemberProblems.Unavailable();
        }
        String password = TemporaryPasswords.generate();
        String id = create(request, password);
        try {
            memberships.grant(id, scoped.group(), request.tenantAdmin());
            db.transaction(c -> {
                accounts.record(c, id, scoped.tenant(), scoped.group().id(), caller.username());
                events.append(c, scoped.tenant(), null, null, caller.username(), "member.created", request.username(),
                        Map.of("userId", id, "tenantAdmin", request.tenantAdmin()));
                return null;
            });
        } catch (RuntimeException failure) {
            // Never leave an account half-made: one this call created and could not finish goes.
            users.delete(id);
            throw failure;
        }
        return new WithPassword(member(users.byId(id).orElseThrow(() -> new MemberProblems.NotFound(id))), Optional.of(password));
    }

    /** Keycloak's own uniqueness check closes the race with a concurrent creation of the same name. */
    private String create(NewMember request, String password) {
        try {
            return users.create(new NewUser(request.username(), request.email(), request.firstName(),
                    request.lastName()), password);
        } catch (DirectoryRefused refused) {
            if (refused.conflict()) {
                throw new MemberProblems.Unavailable();
            }
            throw refused;
        }
    }

    public void remove(Caller caller, String tenantParam, String userId) {
        DirectoryGroup group = scope.resolve(caller, tenantParam).group();
        DirectoryUser user = requireMember(group, userId);
        memberships.revoke(user.id(), group);
    }

    public Member grantAdmin(Caller caller, String tenantParam, String userId) {
        DirectoryGroup group = scope.resolveForChange(caller, tenantParam).group();
        DirectoryUser user = requireMember(group, userId);
        users.grantRealmRole(user.id(), TENANT_ADMIN);
        return member(user);
    }

    public Member revokeAdmin(Caller caller, String tenantParam, String userId) {
        DirectoryGroup group = scope.resolve(caller, tenantParam).group();
        DirectoryUser user = requireMember(group, userId);
        users.revokeRealmRole(user.id(), TENANT_ADMIN);
        users.grantRealmRole(user.id(), TENANT_USER);
        return member(user);
    }

    /**
     * A new temporary password, only for an account Berth created for this tenant that is in
     * no other tenant and is no platform admin; anyone else answers as a non-member does, so
     * a tenant can never take over an account that was not made for it.
     */
    public WithPassword resetPassword(Caller caller, String tenantParam, String userId) {
        TenantScope.Scoped scoped = scope.resolve(caller, tenantParam);
        DirectoryUser user = requireMember(scoped.group(), userId);
        boolean createdHere = db.autoCommit(c -> accounts.createdFor(c, user.id(), scoped.tenant(), scoped.group().id()));
        boolean onlyHere = memberships.tenantGroups(user.id()).stream().allMatch(g -> g.id().equals(scoped.group().id()));
        if (!createdHere || !onlyHere || memberships.platformAdmin(user.id())) {
            throw new MemberProblems.NotFound(userId);
        }
        String password = TemporaryPasswords.generate();
        users.resetPassword(user.id(), password);
        db.transaction(c -> {
            events.append(c, scoped.tenant(), null, null, caller.username(), "member.password_reset", user.username(),
                    Map.of("userId", user.id()));
            return null;
        });
        return new WithPassword(member(users.byId(user.id()).orElse(user)), Optional.of(password));
    }

    /** The user, if it is a person of this tenant; anyone else (other tenants' too) is "not found". */
    private DirectoryUser requireMember(DirectoryGroup group, String userId) {
        Optional<DirectoryUser> user = users.byId(userId).filter(u -> !u.serviceAccount());
        if (user.isEmpty() || users.groups(userId).stream().noneMatch(g -> g.id().equals(group.id()))) {
            throw new MemberProblems.NotFound(userId);
        }
        return user.get();
    }

    private Member member(DirectoryUser user) {
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
