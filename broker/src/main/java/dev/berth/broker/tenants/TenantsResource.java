package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.berth.api.model.TenantCreate;
import dev.berth.api.model.TenantPage;
import dev.berth.api.model.TenantUpdate;
import dev.berth.api.rest.AdminTenantsApi;
import dev.berth.broker.db.PageToken;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** REST adapter for {@code /v1/admin/tenants}: platform admins only; the logic is in {@link TenantService}. */
@RolesAllowed(PLATFORM_ADMIN)
public class TenantsResource implements AdminTenantsApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final TenantService tenants;
    private final TenantRepair repair;

    TenantsResource(SecurityIdentity identity, CallerResolver callers, TenantService tenants, TenantRepair repair) {
        this.identity = identity;
        this.callers = callers;
        this.tenants = tenants;
        this.repair = repair;
    }

    @Override
    public Response createTenant(TenantCreate request) {
        TenantService.Created created = tenants.create(caller(), TenantMapper.request(request));
        String slug = created.tenant().slug();
        return Response.created(URI.create("/v1/admin/tenants/" + slug))
                .entity(TenantMapper.created(created, tenants.labels(slug))).build();
    }

    @Override
    public Response listTenants(dev.berth.api.model.TenantStatus status, Integer pageSize, String pageToken) {
        int size = PageToken.pageSize(pageSize);
        Optional<TenantStatus> filter = Optional.ofNullable(status).map(s -> TenantStatus.valueOf(s.name()));
        List<Tenant> page = tenants.page(filter, TenantMapper.afterSlug(pageToken), size + 1);
        TenantPage body = new TenantPage().items(page.stream().limit(size).map(this::toApi).toList());
        if (page.size() > size) {
            body.nextPageToken(TenantMapper.pageToken(page.get(size - 1).slug()));
        }
        return Response.ok(body).build();
    }

    @Override
    public Response getTenant(String tenant) {
        return Response.ok(toApi(tenants.get(tenant))).build();
    }

    @Override
    public Response updateTenant(String tenant, TenantUpdate update) {
        Caller caller = caller();
        Tenant t = tenants.get(tenant);
        if (update.getDisplayName() != null) {
            t = tenants.rename(caller, tenant, update.getDisplayName());
        }
        if (update.getStatus() == TenantUpdate.StatusEnum.SUSPENDED) {
            t = tenants.suspend(caller, tenant);
        } else if (update.getStatus() == TenantUpdate.StatusEnum.ACTIVE) {
            t = tenants.resume(caller, tenant);
        }
        return Response.ok(toApi(t)).build();
    }

    @Override
    public Response deleteTenant(String tenant, Boolean cascade) {
        return tenants.delete(caller(), tenant, Boolean.TRUE.equals(cascade))
                .map(t -> Response.accepted(toApi(t)).build())
                .orElseGet(() -> Response.noContent().build());
    }

    @Override
    public Response suspendTenant(String tenant) {
        return Response.ok(toApi(tenants.suspend(caller(), tenant))).build();
    }

    @Override
    public Response resumeTenant(String tenant) {
        return Response.ok(toApi(tenants.resume(caller(), tenant))).build();
    }

    @Override
    public Response repairTenants() {
        return Response.ok(TenantMapper.report(repair.repair())).build();
    }

    private dev.berth.api.model.Tenant toApi(Tenant t) {
        return TenantMapper.toApi(t, tenants.labels(t.slug()));
    }

    private Caller caller() {
        return callers.resolve(identity);
    }
}
