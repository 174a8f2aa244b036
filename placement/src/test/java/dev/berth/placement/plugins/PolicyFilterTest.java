package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementConfig;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementPipeline;
import dev.berth.placement.PlacementRequest;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.PlacementExplanation.Rejection;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFilterTest {

    /** A residency policy as the governance engine would hand it over: residency=eu tenants stay in eu-* regions. */
    private final PolicyFilter residency = new PolicyFilter("eu-residency",
            (request, host) -> !"eu".equals(request.tenantLabels().get("residency")) || host.region().startsWith("eu-"));

    @ParameterizedTest(name = "tenant residency={0}, host region={1} -> {2}")
    @CsvSource(nullValues = {"none", "pass"}, value = {
            "eu,   eu-west, pass",
            "eu,   us-east, policy_denied",
            "eu,   '',      policy_denied",
            "none, us-east, pass",
            "us,   us-east, pass",
    })
    void reportsThePredicatesAnswer(String residencyLabel, String region, String reason) {
        PlacementRequest request = Fleet.request(SMALL)
                .withTenantLabels(residencyLabel == null ? java.util.Map.of() : java.util.Map.of("residency", residencyLabel));
        HostSnapshot host = Fleet.in(Fleet.host("h1"), region, "", HostSnapshot.ProviderClass.PRIVATE);

        FilterResult result = residency.filter(request, host, FleetStats.EMPTY);

        assertThat(result.reason()).isEqualTo(reason);
        assertThat(residency.name()).isEqualTo("eu-residency");
    }

    @Test
    void rejectionsAreCountedUnderThePolicysName() {
        PlacementPipeline pipeline = new PlacementPipeline(PlacementConfig.defaults(), List.of(residency));
        List<HostSnapshot> fleet = List.of(
                Fleet.in(Fleet.host("us-1"), "us-east", "a", HostSnapshot.ProviderClass.PRIVATE),
                Fleet.in(Fleet.host("us-2"), "us-east", "b", HostSnapshot.ProviderClass.PRIVATE));

        PlacementDecision decision = pipeline.place(Fleet.request(SMALL).withTenantLabels(java.util.Map.of("residency", "eu")), fleet);

        assertThat(decision.host()).isEmpty();
        assertThat(decision.explanation().rejections()).containsExactly(new Rejection("eu-residency", PolicyFilter.DENIED, 2));
    }

    @Test
    void aPolicyMayNotTakeABuiltInFiltersName() {
        assertThatThrownBy(() -> new PlacementPipeline(PlacementConfig.defaults(), List.of(new PolicyFilter("Capacity", (r, h) -> true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Capacity");
        assertThatThrownBy(() -> new PolicyFilter(" ", (r, h) -> true)).isInstanceOf(IllegalArgumentException.class);
    }
}
