package dev.berth.broker.usage;

import java.time.OffsetDateTime;

import dev.berth.api.rest.UsageApi;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** {@code GET /v1/usage}: the caller's own tenant, as JSON or CSV. */
public class UsageResource implements UsageApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final UsageService usage;

    @Context
    HttpHeaders headers;

    UsageResource(SecurityIdentity identity, CallerResolver callers, UsageService usage) {
        this.identity = identity;
        this.callers = callers;
        this.usage = usage;
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN})
    public Response getUsage(String tenant, OffsetDateTime from, OffsetDateTime to, String groupBy) {
        return UsageResponses.render(usage.forTenant(callers.resolve(identity), tenant,
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                UsageQuery.splitGroupBy(groupBy)), headers);
    }
}
