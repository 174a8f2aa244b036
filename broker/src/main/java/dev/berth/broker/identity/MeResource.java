package dev.berth.broker.identity;

import java.util.List;

import dev.berth.api.model.Me;
import dev.berth.api.model.Role;
import dev.berth.api.rest.IdentityApi;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** REST adapter for {@code GET /v1/me}; the logic lives in {@link IdentityService}. */
public class MeResource implements IdentityApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final IdentityService service;

    MeResource(SecurityIdentity identity, CallerResolver callers, IdentityService service) {
        this.identity = identity;
        this.callers = callers;
        this.service = service;
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
    public Response getMe() {
        return Response.ok(toMe(service.whoAmI(callers.resolve(identity)))).build();
    }

    static Me toMe(CallerIdentity who) {
        Caller caller = who.caller();
        List<Role> roles = caller.roles().stream().sorted()
                .map(r -> Role.fromValue(r.claimValue()))
                .toList();
        return new Me()
                .subject(caller.subject())
                .username(caller.username())
                .tenant(caller.tenant().orElse(null))
                .clientId(caller.clientId())
                .serviceAccount(caller.serviceAccount())
                .roles(roles)
                .firstSeenAt(who.firstSeenAt());
    }
}
