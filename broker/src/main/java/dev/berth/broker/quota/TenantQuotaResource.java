package dev.berth.broker.quota;

import dev.berth.api.model.QuotaLimits;
import dev.berth.api.rest.AdminQuotasApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** {@code /v1/admin/tenants/{tenant}/quota}: platform admins set any tenant's limits. */
@RolesAllowed(PLATFORM_ADMIN)
public class TenantQuotaResource implements AdminQuotasApi {

    private final QuotaService quotas;

    TenantQuotaResource(QuotaService quotas) {
        this.quotas = quotas;
    }

    @Override
    public Response getTenantQuota(String tenant) {
        return Response.ok(QuotaMapper.toApi(quotas.get(tenant))).build();
    }

    @Override
    public Response setTenantQuota(String tenant, QuotaLimits limits) {
        return Response.ok(QuotaMapper.toApi(quotas.set(tenant, QuotaMapper.resources(limits), limits.getInstances(), limits.getSnapshots()))).build();
    }
}
