package dev.berth.placement;

import dev.berth.placement.plugins.AffinityFilter;
import dev.berth.placement.plugins.AntiAffinityFilter;
import dev.berth.placement.plugins.CapacityFilter;
import dev.berth.placement.plugins.ExcludedHostFilter;
import dev.berth.placement.plugins.HealthFilter;
import dev.berth.placement.plugins.KindSupportFilter;
import dev.berth.placement.plugins.PolicyFilter;
import dev.berth.placement.plugins.RequiredLabelsFilter;
import dev.berth.placement.plugins.TenantEligibilityFilter;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.berth.placement.HostSnapshot.HealthStatus;
import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementConfig.Mode;
import dev.berth.placement.PlacementExplanation.Rejection;
import dev.berth.placement.PlacementHints.Affinity;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

import static dev.berth.placement.Fleet.ROOMY;
import static org.assertj.core.api.Assertions.assertThat;

/** A fleet built so each host fails exactly one filter for one reason; the explanation must count each once. */
class NoFitExplanationTest {

    private static final Resources WANT = new Resources(1000, 1024, 10);
    private static final PolicyFilter NO_MAINTENANCE =
            new PolicyFilter("no-maintenance", (request, host) -> !"true".equals(host.labels().get("maintenance")));

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void countsRejectionsPerFilterAndReasonInPipelineOrder(Mode mode) {
        PlacementPipeline pipeline = new PlacementPipeline(PlacementConfig.defaults().withMode(mode), List.of(NO_MAINTENANCE));
        PlacementRequest request = Fleet.request(WANT).excluding(eu("excluded").id())
                .withTenantLabels(Map.of(TenantEligibilityFilter.TENANT_ALLOWED_REGIONS, "eu-west,eu-central"))
                .withHints(PlacementHints.NONE.withRegion("eu-west").withRequiredLabels(Map.of("tier", "gold"))
                        .withGroup("web", Affinity.NONE, Affinity.HARD));
        List<HostSnapshot> fleet = List.of(
                eu("excluded"),
                Fleet.cordoned(eu("cordoned")),
                Fleet.withHealth(eu("unhealthy"), HealthStatus.UNHEALTHY),
                Fleet.supporting(eu("vm-only"), Set.of(WorkloadKind.VM)),
                labelled(eu("globex-only"), "tenants", "globex"),
                labelled(eu("dedicated-globex"), "dedicated-to", "globex"),
                Fleet.in(eu("in-us"), "us-east", "a", ProviderClass.PRIVATE),
                Fleet.in(eu("in-central"), "eu-central", "a", ProviderClass.PRIVATE),
                labelled(eu("silver"), "tier", "silver"),
                eu("runs-web").withGroupCounts(Map.of("acme/web", 1)),
                gold(Fleet.host("no-cpu", ROOMY, new Resources(3500, 0, 0))),
                gold(Fleet.host("no-memory", ROOMY, new Resources(0, 8000, 0))),
                labelled(eu("maintenance"), "maintenance", "true"));

        PlacementDecision decision = pipeline.place(request, fleet);

        assertThat(decision.host()).isEmpty();
        assertThat(decision.explanation().hostsConsidered()).isEqualTo(13);
        assertThat(decision.explanation().mode()).isEqualTo("exact");
        assertThat(decision.explanation().rejections()).containsExactly(
                new Rejection(ExcludedHostFilter.NAME, ExcludedHostFilter.ALREADY_TRIED, 1),
                new Rejection(HealthFilter.NAME, HealthFilter.CORDONED, 1),
                new Rejection(HealthFilter.NAME, HealthFilter.UNHEALTHY, 1),
                new Rejection(KindSupportFilter.NAME, KindSupportFilter.KIND_UNSUPPORTED, 1),
                new Rejection(TenantEligibilityFilter.NAME, TenantEligibilityFilter.DEDICATED_TO_OTHER_TENANT, 1),
                new Rejection(TenantEligibilityFilter.NAME, TenantEligibilityFilter.REGION_NOT_ALLOWED, 1),
                new Rejection(TenantEligibilityFilter.NAME, TenantEligibilityFilter.TENANT_NOT_LISTED, 1),
                new Rejection(RequiredLabelsFilter.NAME, RequiredLabelsFilter.LABEL_MISMATCH, 1),
                new Rejection(RequiredLabelsFilter.NAME, RequiredLabelsFilter.REGION_MISMATCH, 1),
                new Rejection(AntiAffinityFilter.NAME, AntiAffinityFilter.GROUP_MEMBER_PRESENT, 1),
                new Rejection(CapacityFilter.NAME, CapacityFilter.INSUFFICIENT_CPU, 1),
                new Rejection(CapacityFilter.NAME, CapacityFilter.INSUFFICIENT_MEMORY, 1),
                new Rejection("no-maintenance", PolicyFilter.DENIED, 1));
    }

    /** Hard affinity fails where the group runs only on a host another filter already dropped. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void hardAffinityToAGroupOnlyOnAnUnusableHost(Mode mode) {
        PlacementPipeline pipeline = new PlacementPipeline(PlacementConfig.defaults().withMode(mode), List.of());
        List<HostSnapshot> fleet = List.of(
                Fleet.cordoned(eu("cordoned-web")).withGroupCounts(Map.of("acme/web", 2)),
                eu("free-1"), eu("free-2"));
        PlacementRequest request = Fleet.request(WANT).withHints(PlacementHints.NONE.withGroup("web", Affinity.HARD, Affinity.NONE));

        PlacementDecision decision = pipeline.place(request, fleet);

        assertThat(decision.host()).isEmpty();
        assertThat(decision.explanation().rejections()).containsExactly(
                new Rejection(HealthFilter.NAME, HealthFilter.CORDONED, 1),
                new Rejection(AffinityFilter.NAME, AffinityFilter.NO_GROUP_MEMBER, 2));
    }

    private static HostSnapshot eu(String name) {
        return gold(Fleet.host(name));
    }

    private static HostSnapshot gold(HostSnapshot h) {
        return Fleet.in(labelled(h, "tier", "gold"), "eu-west", "a", ProviderClass.PRIVATE);
    }

    private static HostSnapshot labelled(HostSnapshot h, String key, String value) {
        Map<String, String> labels = new java.util.HashMap<>(h.labels());
        labels.put(key, value);
        return Fleet.labelled(h, labels);
    }
}
