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
    private final dev.berth.broker.governance.TenantProfiles profiles;

    TenantQuotaResource(QuotaService quotas, dev.berth.broker.governance.TenantProfiles profiles) {
        this.quotas = quotas;
        this.profiles = profiles;
    }

    @Override
    public Response getTenantLabels(String tenant) {
        return Response.ok(profiles.labels(tenant)).build();
    }

    @Override
    public Response setTenantLabels(String tenant, java.util.Map<String, String> labels) {
        return Response.ok(profiles.setLabels(tenant, labels)).build();
    }

    @Override
    public Response getTenantQuota(String tenant) {
        return Response.ok(QuotaMapper.toApi(quotas.get(tenant))).build();
    }

    @Override
    public Response setTenantQuota(String tenant, QuotaLimits limits) {
        return Response.ok(QuotaMapper.toApi(quotas.set(tenant, QuotaMapper.resources(limits), limits.getInstances(),
                limits.getSnapshots(), QuotaMapper.budget(limits)))).build();
    }
}
