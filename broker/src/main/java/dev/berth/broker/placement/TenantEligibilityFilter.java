package dev.berth.broker.placement;

import dev.berth.broker.placement.PlacementHints.Isolation;

/**
 * Keeps hosts this tenant may use. Tenant isolation is "just another filter"; it runs
 * before the request's own hints so a tenant never learns about hosts it cannot use.
 *
 * <p>Label conventions (values are comma-separated lists, no spaces):
 * <ul>
 *   <li>host {@code dedicated-to=acme} — only tenant {@code acme} may use the host;</li>
 *   <li>host {@code tenants=acme,globex} — a shared pool restricted to the listed tenants;</li>
 *   <li>tenant {@code allowed-regions=eu-west,eu-central} — only hosts in those regions; a
 *       host with no region is refused, as it cannot prove where it is;</li>
 *   <li>tenant {@code allowed-provider-classes=private} — only those provider classes;</li>
 *   <li>request isolation {@code DEDICATED} — only hosts {@code dedicated-to} this tenant.</li>
 * </ul>
 * A host or tenant without these labels is unrestricted.
 */
public final class TenantEligibilityFilter implements PlacementFilter {

    public static final String NAME = "TenantEligibility";
    public static final String HOST_DEDICATED_TO = "dedicated-to";
    public static final String HOST_TENANTS = "tenants";
    public static final String TENANT_ALLOWED_REGIONS = "allowed-regions";
    public static final String TENANT_ALLOWED_PROVIDER_CLASSES = "allowed-provider-classes";

    public static final String DEDICATED_TO_OTHER_TENANT = "dedicated_to_other_tenant";
    public static final String TENANT_NOT_LISTED = "tenant_not_listed";
    public static final String NOT_DEDICATED = "not_dedicated";
    public static final String REGION_NOT_ALLOWED = "region_not_allowed";
    public static final String PROVIDER_CLASS_NOT_ALLOWED = "provider_class_not_allowed";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(PlacementRequest request, HostSnapshot host, FleetStats fleet) {
        String dedicatedTo = host.labels().get(HOST_DEDICATED_TO);
        if (dedicatedTo != null && !dedicatedTo.equals(request.tenant())) {
            return FilterResult.reject(DEDICATED_TO_OTHER_TENANT);
        }
        String tenants = host.labels().get(HOST_TENANTS);
        if (tenants != null && !listed(tenants, request.tenant())) {
            return FilterResult.reject(TENANT_NOT_LISTED);
        }
        if (request.hints().isolation() == Isolation.DEDICATED && dedicatedTo == null) {
            return FilterResult.reject(NOT_DEDICATED);
        }
        String regions = request.tenantLabels().get(TENANT_ALLOWED_REGIONS);
        if (regions != null && !listed(regions, host.region())) {
            return FilterResult.reject(REGION_NOT_ALLOWED);
        }
        String classes = request.tenantLabels().get(TENANT_ALLOWED_PROVIDER_CLASSES);
        if (classes != null && !listed(classes, host.providerClass().name().toLowerCase(java.util.Locale.ROOT))) {
            return FilterResult.reject(PROVIDER_CLASS_NOT_ALLOWED);
        }
        return FilterResult.pass();
    }

    /** Whether {@code value} is one of the comma-separated entries, without splitting (runs per host). */
    static boolean listed(String csv, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        int from = 0;
        while (from <= csv.length()) {
            int comma = csv.indexOf(',', from);
            int end = comma < 0 ? csv.length() : comma;
            if (end - from == value.length() && csv.regionMatches(from, value, 0, value.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            from = comma + 1;
        }
        return false;
    }
}
