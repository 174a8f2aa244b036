package dev.berth.broker.members;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.berth.api.model.MemberCreate;
import dev.berth.api.model.MemberCreated;
import dev.berth.api.model.MemberList;
import dev.berth.api.model.MemberRole;
import dev.berth.api.rest.MembersApi;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;

/** REST adapter for {@code /v1/tenant/members}: tenant admins (own tenant) and platform admins. */
@RolesAllowed({TENANT_ADMIN, PLATFORM_ADMIN})
public class MembersResource implements MembersApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final MemberService members;

    MembersResource(SecurityIdentity identity, CallerResolver callers, MemberService members) {
        this.identity = identity;
        this.callers = callers;
        this.members = members;
    }

    @Override
    public Response listMembers(String tenant) {
        return Response.ok(new MemberList().items(members.list(caller(), tenant).stream()
                .map(MembersResource::toApi).toList())).build();
    }

    @Override
    public Response addMember(MemberCreate r, String tenant) {
        MemberService.WithPassword added = members.add(caller(), tenant, new MemberService.NewMember(r.getUsername(),
                r.getEmail(), r.getFirstName(), r.getLastName(), Boolean.TRUE.equals(r.getTenantAdmin())));
        return Response.status(Response.Status.CREATED).entity(toApi(added)).build();
    }

    @Override
    public Response removeMember(UUID userId, String tenant) {
        members.remove(caller(), tenant, userId.toString());
        return Response.noContent().build();
    }

    @Override
    public Response resetMemberPassword(UUID userId, String tenant) {
        return Response.ok(toApi(members.resetPassword(caller(), tenant, userId.toString()))).build();
    }

    @Override
    public Response grantTenantAdmin(UUID userId, String tenant) {
        return Response.ok(toApi(members.grantAdmin(caller(), tenant, userId.toString()))).build();
    }

    @Override
    public Response revokeTenantAdmin(UUID userId, String tenant) {
        return Response.ok(toApi(members.revokeAdmin(caller(), tenant, userId.toString()))).build();
    }

    static MemberCreated toApi(MemberService.WithPassword m) {
        return new MemberCreated().member(toApi(m.member())).temporaryPassword(m.temporaryPassword().orElse(null));
    }

    static dev.berth.api.model.Member toApi(Member m) {
        return new dev.berth.api.model.Member().id(UUID.fromString(m.user().id())).username(m.user().username())
                .email(m.user().email()).firstName(m.user().firstName()).lastName(m.user().lastName())
                .enabled(m.user().enabled())
                .roles(m.sortedRoles().stream().map(MemberRole::fromValue).toList())
                .pendingActions(m.user().requiredActions())
                .createdAt(m.user().createdTimestamp() == 0 ? null
                        : Instant.ofEpochMilli(m.user().createdTimestamp()).atOffset(ZoneOffset.UTC));
    }

    private Caller caller() {
        return callers.resolve(identity);
    }
}
