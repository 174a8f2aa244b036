package dev.berth.broker.members;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryUser;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryUsers;
import dev.berth.broker.security.Caller;
import dev.berth.broker.tenants.TenantGate;
import dev.berth.broker.tenants.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How an existing person joins a tenant: the tenant's admin invites a username and gets a
 * one-time token; the person, signed in as themselves, accepts with it. Consent comes from
 * the person's own login, so a tenant can never pull in (and then act on) an account whose
 * owner did not agree — the hole a "join by username" had.
 *
 * <p>Why an invitation in Berth rather than a Keycloak required action: a required action
 * runs at the person's next login whatever they want, cannot carry which tenant invites them,
 * and Keycloak has no "accept" step that Berth could gate on; a Berth record with a token
 * the person redeems through the API is explicit, expires, can be listed and cancelled, and
 * works the same over REST and gRPC.
 *
 * <p>Creating an invitation never looks the username up: the answer is the same whether the
 * account exists, belongs to another tenant or not, so inviting is no way to learn about
 * other tenants' people. Whether the account can join is decided at acceptance, where the
 * only person told is its owner.
 */
@ApplicationScoped
public class InvitationService {

    private final TenantScope scope;
    private final TenantGate gate;
    private final DirectoryGroups groups;
    private final DirectoryUsers users;
    private final Memberships memberships;
    private final InvitationRepository invitations;
    private final MembersSettings settings;
    private final Database db;
    private final EventLog events;

    InvitationService(TenantScope scope, TenantGate gate, DirectoryGroups groups, DirectoryUsers users,
                      Memberships memberships, InvitationRepository invitations, MembersSettings settings,
                      Database db, EventLog events) {
        this.scope = scope;
        this.gate = gate;
        this.groups = groups;
        this.users = users;
        this.memberships = memberships;
        this.invitations = invitations;
        this.settings = settings;
        this.db = db;
        this.events = events;
    }

    /** An invitation with its token, which exists only in this answer. */
    public record Issued(Invitation invitation, String token) {
    }

    /** The tenant the caller joined and the roles it now has there. */
    public record Accepted(String tenant, List<String> roles) {
    }

    public Issued invite(Caller caller, String tenantParam, String username, boolean tenantAdmin) {
        TenantScope.Scoped scoped = scope.resolveForChange(caller, tenantParam);
        String token = InvitationTokens.generate();
        OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(settings.invitationTtl());
        Invitation invitation = db.transaction(c -> {
            invitations.purgeExpired(c, scoped.tenant());
            Invitation i = invitations.upsert(c, scoped.tenant(), scoped.group().id(), username, tenantAdmin,
                    InvitationTokens.sha256(token), caller.username(), expiresAt);
            events.append(c, scoped.tenant(), null, null, caller.username(), "member.invited", username,
                    Map.of("invitationId", i.id().toString(), "tenantAdmin", tenantAdmin));
            return i;
        });
        return new Issued(invitation, token);
    }

    public List<Invitation> list(Caller caller, String tenantParam) {
        TenantScope.Scoped scoped = scope.resolve(caller, tenantParam);
        return db.autoCommit(c -> invitations.pending(c, scoped.tenant(), scoped.group().id()));
    }

    /** Allowed while the tenant is suspended, like removing a member: taking access away is never blocked. */
    public void cancel(Caller caller, String tenantParam, UUID id) {
        TenantScope.Scoped scoped = scope.resolve(caller, tenantParam);
        boolean deleted = db.transaction(c -> {
            boolean gone = invitations.delete(c, id, scoped.tenant(), scoped.group().id());
            if (gone) {
                events.append(c, scoped.tenant(), null, null, caller.username(), "member.invitation_cancelled", id.toString(),
                        Map.of("invitationId", id.toString()));
            }
            return gone;
        });
        if (!deleted) {
            throw new MemberProblems.InvitationNotFound();
        }
    }

    /**
     * The caller accepts the invitation behind {@code token}. Everything that is not "a live
     * invitation addressed to you" answers the same 404, so a token in the wrong hands reveals
     * nothing; only the invited person learns why their own account cannot join.
     */
    public Accepted accept(Caller caller, String token) {
        String hash = InvitationTokens.sha256(token);
        Invitation invitation = db.autoCommit(c -> invitations.byToken(c, hash))
                .orElseThrow(MemberProblems.InvitationNotFound::new);
        DirectoryUser person = users.byId(caller.subject())
                .filter(u -> !caller.serviceAccount() && !u.serviceAccount())
                .filter(u -> u.username().equalsIgnoreCase(invitation.username()))
                .orElseThrow(MemberProblems.InvitationNotFound::new);
        DirectoryGroup group = groups.byId(invitation.groupId())
                .filter(g -> g.attribute(DirectoryGroup.TENANT_ATTRIBUTE).filter(invitation.tenant()::equals).isPresent())
                .orElseThrow(MemberProblems.InvitationNotFound::new);
        gate.requireActive(invitation.tenant());
        if (!memberships.tenantGroups(person.id()).isEmpty()) {
            throw new MemberProblems.NotAcceptable("it already belongs to a tenant (its admin must remove it first)");
        }
        if (memberships.platformAdmin(person.id())) {
            throw new MemberProblems.NotAcceptable("platform admins belong to no tenant");
        }
        memberships.grant(person.id(), group, invitation.tenantAdmin());
        boolean consumed = db.transaction(c -> {
            boolean ok = invitations.consume(c, invitation.id(), hash);
            if (ok) {
                events.append(c, invitation.tenant(), null, null, person.username(), "member.joined", person.username(),
                        Map.of("invitationId", invitation.id().toString(), "userId", person.id(),
                                "invitedBy", invitation.invitedBy(), "tenantAdmin", invitation.tenantAdmin()));
            }
            return ok;
        });
        if (!consumed) {
            // Cancelled (or replaced) while the membership was being granted: the cancel wins.
            memberships.revoke(person.id(), group);
            throw new MemberProblems.InvitationNotFound();
        }
        return new Accepted(invitation.tenant(), invitation.tenantAdmin()
                ? List.of(Memberships.TENANT_ADMIN, Memberships.TENANT_USER) : List.of(Memberships.TENANT_USER));
    }
}
