package dev.berth.broker.members;

import java.util.UUID;

import dev.berth.api.model.InvitationAccept;
import dev.berth.api.model.InvitationAccepted;
import dev.berth.api.model.InvitationCreate;
import dev.berth.api.model.InvitationCreated;
import dev.berth.api.model.InvitationList;
import dev.berth.api.model.MemberRole;
import dev.berth.api.rest.InvitationsApi;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;

/**
 * REST adapter for invitations: {@code /v1/tenant/invitations} for tenant admins (own tenant)
 * and platform admins; {@code /v1/invitations/accept} for any signed-in person, who usually
 * has no tenant and no role yet.
 */
public class InvitationsResource implements InvitationsApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final InvitationService invitations;

    InvitationsResource(SecurityIdentity identity, CallerResolver callers, InvitationService invitations) {
        this.identity = identity;
        this.callers = callers;
        this.invitations = invitations;
    }

    @Override
    @RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
    public Response listInvitations(String tenant) {
        return Response.ok(new InvitationList().items(invitations.list(caller(), tenant).stream()
                .map(InvitationsResource::toApi).toList())).build();
    }

    @Override
    @RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
    public Response createInvitation(InvitationCreate r, String tenant) {
        InvitationService.Issued issued = invitations.invite(caller(), tenant, r.getUsername(),
                Boolean.TRUE.equals(r.getTenantAdmin()));
        return Response.status(Response.Status.CREATED)
                .entity(new InvitationCreated().invitation(toApi(issued.invitation())).token(issued.token())).build();
    }

    @Override
    @RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
    public Response cancelInvitation(UUID invitationId, String tenant) {
        invitations.cancel(caller(), tenant, invitationId);
        return Response.noContent().build();
    }

    @Override
    @Authenticated
    public Response acceptInvitation(InvitationAccept r) {
        InvitationService.Accepted accepted = invitations.accept(caller(), r.getToken());
        return Response.ok(new InvitationAccepted().tenant(accepted.tenant())
                .roles(accepted.roles().stream().map(MemberRole::fromValue).toList())).build();
    }

    static dev.berth.api.model.Invitation toApi(Invitation i) {
        return new dev.berth.api.model.Invitation().id(i.id()).tenant(i.tenant()).username(i.username())
                .tenantAdmin(i.tenantAdmin()).invitedBy(i.invitedBy()).createdAt(i.createdAt()).expiresAt(i.expiresAt());
    }

    private Caller caller() {
        return callers.resolve(identity);
    }
}
