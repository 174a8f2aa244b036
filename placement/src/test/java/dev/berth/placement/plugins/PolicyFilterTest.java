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

    /** A rule as the governance engine hands it over: fails to evaluate on hosts without a gpu label, else checks it. */
    private final PolicyFilter gpuOnly = PolicyFilter.evaluating("gpu-only", (request, host) ->
            !host.labels().containsKey("gpu") ? PolicyFilter.Verdict.failed("no such key: gpu")
                    : "yes".equals(host.labels().get("gpu")) ? PolicyFilter.Verdict.allow() : PolicyFilter.Verdict.deny());

    @ParameterizedTest(name = "host labels [{0}] -> {1} {2}")
    @CsvSource(nullValues = "none", value = {
            "gpu=yes, PASS,          none",
            "gpu=no,  UNSCHEDULABLE, policy_denied",
            "'',      ERROR,         policy_error",
    })
    void anEvaluationErrorIsItsOwnStatusNotADenial(String labels, FilterResult.Status status, String reason) {
        HostSnapshot host = Fleet.labelled(Fleet.host("h1"), Fleet.labels(labels));

        FilterResult result = gpuOnly.filter(Fleet.request(SMALL), host, FleetStats.EMPTY);

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.passed()).isEqualTo(status == FilterResult.Status.PASS);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.detail()).isEqualTo(status == FilterResult.Status.ERROR ? "gpu-only: no such key: gpu" : null);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(PlacementConfig.Mode.class)
    void theExplanationNamesTheFailingPolicyAndItsErrorApartFromDenials(PlacementConfig.Mode mode) {
        PlacementPipeline pipeline = new PlacementPipeline(PlacementConfig.defaults().withMode(mode), List.of(gpuOnly));
        List<HostSnapshot> fleet = List.of(
                Fleet.host("no-label-1"), Fleet.host("no-label-2"),
                Fleet.labelled(Fleet.host("gpu-no"), Fleet.labels("gpu=no")));

        PlacementDecision decision = pipeline.place(Fleet.request(SMALL), fleet);

        assertThat(decision.host()).isEmpty();
        assertThat(decision.explanation().rejections()).containsExactly(
                new Rejection("gpu-only", PolicyFilter.DENIED, 1),
                new Rejection("gpu-only", PolicyFilter.ERROR, 2, "gpu-only: no such key: gpu"));
        assertThat(decision.explanation().summary()).contains("2 by gpu-only (policy_error)");
    }

    @Test
    void aPolicyMayNotTakeABuiltInFiltersName() {
        assertThatThrownBy(() -> new PlacementPipeline(PlacementConfig.defaults(), List.of(new PolicyFilter("Capacity", (r, h) -> true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Capacity");
        assertThatThrownBy(() -> new PolicyFilter(" ", (r, h) -> true)).isInstanceOf(IllegalArgumentException.class);
    }
}
