package dev.berth.broker.members;

import dev.berth.api.model.InvitationCreate;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.broker.tenants.GrpcArguments;
import dev.berth.grpc.v1.AcceptInvitationRequest;
import dev.berth.grpc.v1.CancelInvitationResponse;
import dev.berth.grpc.v1.CreateInvitationRequest;
import dev.berth.grpc.v1.InvitationAccepted;
import dev.berth.grpc.v1.InvitationRequest;
import dev.berth.grpc.v1.InvitationWithToken;
import dev.berth.grpc.v1.Invitations;
import dev.berth.grpc.v1.InvitationsRequest;
import dev.berth.grpc.v1.ListInvitationsResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import java.util.UUID;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;

/** gRPC adapter for invitations: the same service, rules and validation as {@link InvitationsResource}. */
@GrpcService
@Blocking
public class InvitationsGrpcService implements Invitations {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final InvitationService invitations;
    private final Validator validator;

    InvitationsGrpcService(SecurityIdentity identity, CallerResolver callers, InvitationService invitations,
                           Validator validator) {
        this.identity = identity;
        this.callers = callers;
        this.invitations = invitations;
        this.validator = validator;
    }

    @Override
    @RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
    public Uni<InvitationWithToken> createInvitation(CreateInvitationRequest r) {
        InvitationCreate model = ModelValidation.valid(validator, new InvitationCreate().username(r.getUsername())
                .tenantAdmin(r.getTenantAdmin()));
        InvitationService.Issued issued = invitations.invite(caller(), tenant(r.getTenant()), model.getUsername(),
                r.getTenantAdmin());
        return Uni.createFrom().item(InvitationWithToken.newBuilder().setInvitation(toProto(issued.invitation()))
                .setToken(issued.token()).build());
    }

    @Override
    @RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
    public Uni<ListInvitationsResponse> listInvitations(InvitationsRequest r) {
        ListInvitationsResponse.Builder out = ListInvitationsResponse.newBuilder();
        invitations.list(caller(), tenant(r.getTenant())).forEach(i -> out.addItems(toProto(i)));
        return Uni.createFrom().item(out.build());
    }

    @Override
    @RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
    public Uni<CancelInvitationResponse> cancelInvitation(InvitationRequest r) {
        String tenant = tenant(r.getTenant());
        invitations.cancel(caller(), tenant, UUID.fromString(GrpcArguments.uuid("invitation_id", r.getInvitationId())));
        return Uni.createFrom().item(CancelInvitationResponse.getDefaultInstance());
    }

    @Override
    @Authenticated
    public Uni<InvitationAccepted> acceptInvitation(AcceptInvitationRequest r) {
        InvitationService.Accepted accepted = invitations.accept(caller(), r.getToken());
        return Uni.createFrom().item(InvitationAccepted.newBuilder().setTenant(accepted.tenant())
                .addAllRoles(accepted.roles()).build());
    }

    private static String tenant(String value) {
        return GrpcArguments.optionalSlug("tenant", value);
    }

    private static dev.berth.grpc.v1.Invitation toProto(Invitation i) {
        return dev.berth.grpc.v1.Invitation.newBuilder().setId(i.id().toString()).setTenant(i.tenant())
                .setUsername(i.username()).setTenantAdmin(i.tenantAdmin()).setInvitedBy(i.invitedBy())
                .setCreatedAt(GrpcArguments.timestamp(i.createdAt())).setExpiresAt(GrpcArguments.timestamp(i.expiresAt()))
                .build();
    }

    private Caller caller() {
        return callers.resolve(identity);
    }
}
