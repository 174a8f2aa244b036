package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementRequest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementHints.Isolation;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class TenantEligibilityFilterTest {

    private final TenantEligibilityFilter filter = new TenantEligibilityFilter();

    /** The tenant is always "acme". Columns: host labels, host region, host class, tenant labels, isolation, reason. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "pass", value = {
            "unrestricted host and tenant        |                          | eu-west |PRIVATE|                                         |SHARED   | pass",
            "dedicated to acme                    | dedicated-to=acme        | eu-west |PRIVATE|                                         |SHARED   | pass",
            "dedicated to globex                  | dedicated-to=globex      | eu-west |PRIVATE|                                         |SHARED   | dedicated_to_other_tenant",
            // a prefix is not a match
            "dedicated to acme-labs               | dedicated-to=acme-labs   | eu-west |PRIVATE|                                         |SHARED   | dedicated_to_other_tenant",
            "pool lists acme first                | tenants=acme,globex      | eu-west |PRIVATE|                                         |SHARED   | pass",
            "pool lists acme last                 | tenants=globex,acme      | eu-west |PRIVATE|                                         |SHARED   | pass",
            "pool lists only acme                 | tenants=acme             | eu-west |PRIVATE|                                         |SHARED   | pass",
            "pool without acme                    | tenants=globex,initech   | eu-west |PRIVATE|                                         |SHARED   | tenant_not_listed",
            "pool lists a longer name             | tenants=acmex            | eu-west |PRIVATE|                                         |SHARED   | tenant_not_listed",
            "empty pool                           | tenants=                 | eu-west |PRIVATE|                                         |SHARED   | tenant_not_listed",
            // dedication to another tenant is the stronger statement and is named first
            "dedicated elsewhere and unlisted     | dedicated-to=globex;tenants=globex | eu-west |PRIVATE|                       |SHARED   | dedicated_to_other_tenant",
            "dedicated isolation on own host      | dedicated-to=acme        | eu-west |PRIVATE|                                         |DEDICATED| pass",
            "dedicated isolation on shared pool   | tenants=acme             | eu-west |PRIVATE|                                         |DEDICATED| not_dedicated",
            "dedicated isolation on open host     |                          | eu-west |PRIVATE|                                         |DEDICATED| not_dedicated",
            "allowed region                       |                          | eu-west |PRIVATE| allowed-regions=eu-west,eu-central      |SHARED   | pass",
            "second allowed region                |                          |eu-central|PRIVATE| allowed-regions=eu-west,eu-central     |SHARED   | pass",
            "region not allowed                   |                          | us-east |PRIVATE| allowed-regions=eu-west,eu-central      |SHARED   | region_not_allowed",
            // a host that cannot say where it is cannot prove residency
            "host without region, tenant restricted|                         |         |PRIVATE| allowed-regions=eu-west                 |SHARED   | region_not_allowed",
            "host without region, tenant free     |                          |         |PRIVATE|                                         |SHARED   | pass",
            "private allowed                      |                          | eu-west |PRIVATE| allowed-provider-classes=private        |SHARED   | pass",
            "public refused                       |                          | eu-west |PUBLIC | allowed-provider-classes=private        |SHARED   | provider_class_not_allowed",
            "both classes allowed                 |                          | eu-west |PUBLIC | allowed-provider-classes=private,public |SHARED   | pass",
    })
    void keepsHostsTheTenantMayUse(String name, String hostLabels, String region, ProviderClass providerClass,
            String tenantLabels, Isolation isolation, String reason) {
        HostSnapshot host = Fleet.in(Fleet.labelled(Fleet.host("h1"), Fleet.labels(hostLabels)), region, "a", providerClass);
        PlacementRequest request = Fleet.request(SMALL).withTenantLabels(Fleet.labels(tenantLabels))
                .withHints(PlacementHints.NONE.withIsolation(isolation));

        FilterResult result = filter.filter(request, host, FleetStats.EMPTY);

        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.passed()).isEqualTo(reason == null);
    }
}
