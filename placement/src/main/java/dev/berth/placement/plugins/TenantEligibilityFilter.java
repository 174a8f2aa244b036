package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.ColumnarFilter;
import dev.berth.placement.engine.FilterKernel;
import dev.berth.placement.engine.FleetColumns;
import dev.berth.placement.engine.HostList;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.RejectionTally;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementHints.Isolation;

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
public final class TenantEligibilityFilter implements ColumnarFilter {

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
        if (classes != null && !listed(classes, host.providerClass().name().toLowerCase(Locale.ROOT))) {
            return FilterResult.reject(PROVIDER_CLASS_NOT_ALLOWED);
        }
        return FilterResult.pass();
    }

    /** Per snapshot and tenant: the hosts the host-side labels refuse it, as bitsets (null: none). */
    private record Refusals(long[] dedicatedToOther, long[] notListed) {
    }

    private record RefusalsOf(String tenant) {
    }

    /**
     * Host-side labels are resolved once per tenant and snapshot ({@link FleetColumns#derived});
     * the tenant's own allowed regions and classes once per decision, over the few region and
     * class ids. Narrowed in the order {@link #filter} checks, so each host counts under the
     * same reason.
     */
    @Override
    public FilterKernel prepare(PlacementRequest request, FleetColumns fleet, FleetStats stats) {
        Refusals refused = fleet.derived(new RefusalsOf(request.tenant()), key -> refusals(fleet, key.tenant()));
        HostList dedicated = request.hints().isolation() == Isolation.DEDICATED ? fleet.labelledWithKey(HOST_DEDICATED_TO) : null;
        String regionCsv = request.tenantLabels().get(TENANT_ALLOWED_REGIONS);
        boolean[] regionAllowed = null;
        if (regionCsv != null) {
            regionAllowed = new boolean[fleet.regionCount()];
            for (int r = 0; r < regionAllowed.length; r++) {
                regionAllowed[r] = listed(regionCsv, fleet.regionName(r));
            }
        }
        String classCsv = request.tenantLabels().get(TENANT_ALLOWED_PROVIDER_CLASSES);
        boolean[] classAllowed = null;
        if (classCsv != null) {
            classAllowed = new boolean[ProviderClass.values().length];
            for (ProviderClass c : ProviderClass.values()) {
                classAllowed[c.ordinal()] = listed(classCsv, c.name().toLowerCase(Locale.ROOT));
            }
        }
        if (refused.dedicatedToOther() == null && refused.notListed() == null && dedicated == null
                && regionAllowed == null && classAllowed == null) {
            return FilterKernel.PASS_ALL;
        }
        return new Kernel(fleet, refused, dedicated, regionAllowed, classAllowed);
    }

    private static Refusals refusals(FleetColumns fleet, String tenant) {
        long[] other = null;
        HostList dedicated = fleet.labelledWithKey(HOST_DEDICATED_TO);
        if (dedicated.size() > 0) {
            other = Arrays.copyOf(dedicated.bits(), HostSet.wordsFor(fleet.size()));
            HostList own = tenant == null ? null : fleet.labelValues(HOST_DEDICATED_TO).get(tenant);
            if (own != null) {
                long[] mine = own.bits();
                for (int w = 0; w < other.length; w++) {
                    other[w] &= ~mine[w];
                }
            }
        }
        long[] unlisted = null;
        for (Map.Entry<String, HostList> pool : fleet.labelValues(HOST_TENANTS).entrySet()) {
            if (!listed(pool.getKey(), tenant)) {
                unlisted = unlisted == null ? new long[HostSet.wordsFor(fleet.size())] : unlisted;
                for (int h : pool.getValue().hosts()) {
                    unlisted[h >>> 6] |= 1L << h;
                }
            }
        }
        return new Refusals(other, unlisted);
    }

    private static final class Kernel implements FilterKernel {
        private final FleetColumns fleet;
        private final long[] dedicatedToOther;
        private final long[] notListed;
        private final HostList dedicated;
        private final boolean[] regionAllowed;
        private final boolean[] classAllowed;
        private final int[] regions;
        private final byte[] classes;

        Kernel(FleetColumns fleet, Refusals refused, HostList dedicated, boolean[] regionAllowed, boolean[] classAllowed) {
            this.fleet = fleet;
            this.dedicatedToOther = refused.dedicatedToOther();
            this.notListed = refused.notListed();
            this.dedicated = dedicated;
            this.regionAllowed = regionAllowed;
            this.classAllowed = classAllowed;
            this.regions = fleet.regions();
            this.classes = fleet.providerClasses();
        }

        @Override
        public String reject(int host) {
            long bit = 1L << host;
            if (dedicatedToOther != null && (dedicatedToOther[host >>> 6] & bit) != 0) {
                return DEDICATED_TO_OTHER_TENANT;
            }
            if (notListed != null && (notListed[host >>> 6] & bit) != 0) {
                return TENANT_NOT_LISTED;
            }
            if (dedicated != null && !dedicated.contains(host)) {
                return NOT_DEDICATED;
            }
            if (regionAllowed != null && !regionAllowed[regions[host]]) {
                return REGION_NOT_ALLOWED;
            }
            if (classAllowed != null && !classAllowed[classes[host]]) {
                return PROVIDER_CLASS_NOT_ALLOWED;
            }
            return null;
        }

        @Override
        public void narrow(HostSet survivors, RejectionTally tally) {
            if (dedicatedToOther != null) {
                tally.add(DEDICATED_TO_OTHER_TENANT, survivors.removeAll(dedicatedToOther));
            }
            if (notListed != null) {
                tally.add(TENANT_NOT_LISTED, survivors.removeAll(notListed));
            }
            if (dedicated != null) {
                tally.add(NOT_DEDICATED, dedicated.retainIn(survivors));
            }
            if (regionAllowed != null) {
                long[] allowed = new long[HostSet.wordsFor(fleet.size())];
                for (int r = 0; r < regionAllowed.length; r++) {
                    if (regionAllowed[r]) {
                        fleet.inRegion(r).addTo(allowed);
                    }
                }
                tally.add(REGION_NOT_ALLOWED, survivors.retainAll(allowed));
            }
            if (classAllowed != null) {
                long[] allowed = new long[HostSet.wordsFor(fleet.size())];
                for (ProviderClass c : ProviderClass.values()) {
                    if (classAllowed[c.ordinal()]) {
                        long[] bits = fleet.ofProviderClass(c);
                        for (int w = 0; w < allowed.length; w++) {
                            allowed[w] |= bits[w];
                        }
                    }
                }
                tally.add(PROVIDER_CLASS_NOT_ALLOWED, survivors.retainAll(allowed));
            }
        }
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
