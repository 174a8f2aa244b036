package dev.berth.broker.quota;

import dev.berth.api.rest.QuotaApi;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** {@code GET /v1/quota}: the caller's own tenant only. */
public class QuotaResource implements QuotaApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final QuotaService quotas;

    QuotaResource(SecurityIdentity identity, CallerResolver callers, QuotaService quotas) {
        this.identity = identity;
        this.callers = callers;
        this.quotas = quotas;
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN})
    public Response getQuota() {
        return Response.ok(QuotaMapper.toApi(quotas.get(callers.resolve(identity).requireTenant()))).build();
    }
}
