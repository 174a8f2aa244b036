package dev.berth.broker.tenants;

import dev.berth.tenants.Tenant;
import dev.berth.tenants.TenantStatus;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.api.model.FirstAdmin;
import dev.berth.api.model.InitialCredentials;
import dev.berth.api.model.TenantCreate;
import dev.berth.api.model.TenantCreated;
import dev.berth.api.model.TenantRepairAction;
import dev.berth.api.model.TenantRepairReport;
import dev.berth.api.model.UnmanagedTenantGroup;
import dev.berth.broker.db.PageTokens;

/** Between the API models and the tenant service's types. */
public final class TenantMapper {

    private TenantMapper() {
    }

    public static TenantService.Request request(TenantCreate r) {
        Optional<Tenant.FirstAdmin> admin = Optional.ofNullable(r.getFirstAdmin()).map(TenantMapper::firstAdmin);
        return new TenantService.Request(r.getSlug(), r.getDisplayName(),
                r.getLabels() == null ? Map.of() : r.getLabels(), admin);
    }

    private static Tenant.FirstAdmin firstAdmin(FirstAdmin a) {
        return new Tenant.FirstAdmin(a.getUsername(), a.getEmail(), a.getFirstName(), a.getLastName());
    }

    public static dev.berth.api.model.Tenant toApi(Tenant t, Map<String, String> labels) {
        return new dev.berth.api.model.Tenant().slug(t.slug()).displayName(t.displayName())
                .status(dev.berth.api.model.TenantStatus.fromValue(t.status().name()))
                .statusReason(t.statusReason()).labels(labels).groupId(t.groupId().orElse(null))
                .firstAdminUsername(t.firstAdmin().map(Tenant.FirstAdmin::username).orElse(null))
                .createdAt(t.createdAt()).updatedAt(t.updatedAt());
    }

    public static TenantCreated created(TenantService.Created created, Map<String, String> labels) {
        return new TenantCreated().tenant(toApi(created.tenant(), labels)).firstAdmin(created.firstAdmin()
                .map(c -> new InitialCredentials().userId(UUID.fromString(c.userId())).username(c.username())
                        .temporaryPassword(c.temporaryPassword())).orElse(null));
    }

    public static TenantRepairReport report(TenantRepair.Report r) {
        return new TenantRepairReport().checked(r.checked())
                .actions(r.actions().stream().map(a -> new TenantRepairAction().tenant(a.tenant()).action(a.action())
                        .detail(a.detail())).toList())
                .unmanaged(r.unmanaged().stream().map(u -> new UnmanagedTenantGroup().path(u.path()).groupId(u.groupId())
                        .tenantClaim(u.tenantClaim().orElse(null))).toList());
    }

    /** Page tokens of the tenant list: the last slug, opaque to clients. */
    public static String pageToken(String slug) {
        return PageTokens.encode("tn", slug);
    }

    public static String afterSlug(String pageToken) {
        return PageTokens.decode(pageToken, "tn", "pageToken").orElse("");
    }
}
