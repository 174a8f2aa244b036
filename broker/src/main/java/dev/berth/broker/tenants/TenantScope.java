package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.util.Optional;

import dev.berth.broker.db.Database;
import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.Role;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which tenant a member or service-account call acts on, and its Keycloak group. Tenant
 * admins act on the tenant of their token (naming another answers 404, like any foreign
 * object); platform admins, whose tokens carry no tenant, name it.
 */
@ApplicationScoped
public class TenantScope {

    private final Database db;
    private final TenantRepository tenants;
    private final DirectoryGroups groups;
    private final TenantGate gate;

    TenantScope(Database db, TenantRepository tenants, DirectoryGroups groups, TenantGate gate) {
        this.db = db;
        this.tenants = tenants;
        this.groups = groups;
        this.gate = gate;
    }

    /** A tenant and the group that carries its claim. */
    public record Scoped(String tenant, DirectoryGroup group) {
    }

    public Scoped resolve(Caller caller, String tenantParam) {
        String tenant = tenant(caller, tenantParam);
        return new Scoped(tenant, group(tenant));
    }

    /** As {@link #resolve}, for changes: a tenant admin's suspended tenant answers 403 tenant.suspended. */
    public Scoped resolveForChange(Caller caller, String tenantParam) {
        Scoped scoped = resolve(caller, tenantParam);
        if (!caller.hasRole(Role.PLATFORM_ADMIN)) {
            gate.requireActive(scoped.tenant());
        }
        return scoped;
    }

    private static String tenant(Caller caller, String tenantParam) {
        if (caller.hasRole(Role.PLATFORM_ADMIN) && caller.tenant().isEmpty()) {
            if (tenantParam == null) {
                throw new InvalidRequest("tenant", "platform admins must name the tenant (query parameter tenant)");
            }
            return tenantParam;
        }
        String own = caller.requireTenant();
        if (tenantParam != null && !tenantParam.equals(own)) {
            throw new TenantProblems.NotFound(tenantParam);
        }
        return own;
    }

    private DirectoryGroup group(String tenant) {
        Optional<Tenant> row = db.autoCommit(c -> tenants.find(c, tenant, false));
        if (row.isPresent() && row.get().status() == TenantStatus.DELETED) {
            throw new TenantProblems.NotFound(tenant);
        }
        return row.flatMap(Tenant::groupId).flatMap(groups::byId)
                .or(() -> groups.byPath(tenant))
                .filter(g -> g.attribute(DirectoryGroup.TENANT_ATTRIBUTE).filter(tenant::equals).isPresent())
                .orElseThrow(() -> new TenantProblems.NotFound(tenant));
    }
}
