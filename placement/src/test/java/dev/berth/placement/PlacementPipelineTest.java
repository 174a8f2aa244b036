package dev.berth.placement;

import dev.berth.placement.plugins.CapacityFilter;
import dev.berth.placement.plugins.ExcludedHostFilter;
import dev.berth.placement.plugins.HealthFilter;
import dev.berth.placement.plugins.KindSupportFilter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.berth.placement.HostSnapshot.HealthStatus;
import dev.berth.placement.PlacementExplanation.Rejection;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

import static dev.berth.placement.Fleet.ROOMY;
import static dev.berth.placement.Fleet.host;
import static org.assertj.core.api.Assertions.assertThat;

class PlacementPipelineTest {

    private static final Resources WANT = new Resources(1000, 1024, 10);

    private final PlacementPipeline pipeline = new PlacementPipeline();

    @Test
    void choosesTheBestScoredHost() {
        List<HostSnapshot> fleet = List.of(
                host("empty", ROOMY, Resources.ZERO),
                host("fullest", ROOMY, new Resources(3000, 6144, 0)),
                host("half", ROOMY, new Resources(2000, 4096, 0)));

        PlacementDecision decision = pipeline.place(Fleet.request(WANT), fleet);

        assertThat(decision.host()).map(HostSnapshot::name).contains("fullest");
        assertThat(decision.explanation().hostsConsidered()).isEqualTo(3);
        assertThat(decision.explanation().rejections()).isEmpty();
    }

    @Test
    void noFitCountsEveryRejectionByFilterAndReasonInPipelineOrder() {
        PlacementRequest request = Fleet.request(WANT).excluding(host("excluded").id());

        PlacementDecision decision = pipeline.place(request, unfitFleet());

        assertThat(decision.host()).isEmpty();
        assertThat(decision.explanation().hostsConsidered()).isEqualTo(8);
        assertThat(decision.explanation().candidates()).isEmpty();
        assertThat(decision.explanation().rejections()).containsExactly(EXPECTED_REJECTIONS);
    }

    @Test
    void rejectionsStayInPipelineOrderWhateverTheFleetOrder() {
        PlacementRequest request = Fleet.request(WANT).excluding(host("excluded").id());
        List<HostSnapshot> reversed = new ArrayList<>(unfitFleet());
        Collections.reverse(reversed);

        PlacementDecision decision = pipeline.place(request, reversed);

        assertThat(decision.explanation().rejections()).containsExactly(EXPECTED_REJECTIONS);
    }

    @Test
    void summaryMentionsEveryFilterThatRejected() {
        PlacementRequest request = Fleet.request(WANT).excluding(host("excluded").id());

        String summary = pipeline.place(request, unfitFleet()).explanation().summary();

        assertThat(summary).startsWith("8 hosts considered; rejected: ")
                .contains(ExcludedHostFilter.NAME, HealthFilter.NAME, KindSupportFilter.NAME, CapacityFilter.NAME)
                .contains("2 by HealthAndCordon (cordoned)", "1 by Capacity (insufficient_disk)");
    }

    @Test
    void candidatesAreTheTopThreeBestFirst() {
        List<HostSnapshot> fleet = new ArrayList<>();
        for (int used = 0; used <= 3000; used += 750) {
            fleet.add(host("used-" + used, ROOMY, new Resources(used, 0, 0)));
        }

        PlacementDecision decision = pipeline.place(Fleet.request(WANT), fleet);

        assertThat(decision.explanation().candidates())
                .extracting(PlacementExplanation.Candidate::hostName)
                .containsExactly("used-3000", "used-2250", "used-1500");
        assertThat(decision.explanation().candidates())
                .extracting(PlacementExplanation.Candidate::score)
                .isSortedAccordingTo((a, b) -> b - a);
        assertThat(decision.host().map(HostSnapshot::name)).contains("used-3000");
    }

    @Test
    void sameRequestIdLandsOnTheSameTiedHostEveryTime() {
        List<HostSnapshot> fleet = identicalHosts(4);
        UUID requestId = UUID.randomUUID();
        HostSnapshot first = pipeline.place(Fleet.request(requestId, WANT), fleet).host().orElseThrow();

        for (int run = 0; run < 200; run++) {
            assertThat(pipeline.place(Fleet.request(requestId, WANT), fleet).host()).contains(first);
        }
    }

    @Test
    void differentRequestIdsSpreadAcrossTiedHosts() {
        List<HostSnapshot> fleet = identicalHosts(4);
        Set<String> chosen = new HashSet<>();

        for (int i = 0; i < 50; i++) {
            chosen.add(pipeline.place(Fleet.request(WANT), fleet).host().orElseThrow().name());
        }

        assertThat(chosen).hasSizeGreaterThanOrEqualTo(2);
    }

    /** A reservation race lost on the chosen host: the retry must land elsewhere and say why. */
    @Test
    void lostRaceRePlaceExcludesHost() {
        List<HostSnapshot> fleet = List.of(
                host("best", ROOMY, new Resources(3000, 6144, 0)),
                host("next", ROOMY, new Resources(2000, 4096, 0)));
        PlacementRequest request = Fleet.request(WANT);
        HostSnapshot lost = pipeline.place(request, fleet).host().orElseThrow();

        PlacementDecision retry = pipeline.place(request.excluding(lost.id()), fleet);

        assertThat(lost.name()).isEqualTo("best");
        assertThat(retry.host()).map(HostSnapshot::name).contains("next");
        assertThat(retry.explanation().rejections())
                .containsExactly(new Rejection(ExcludedHostFilter.NAME, ExcludedHostFilter.ALREADY_TRIED, 1));
    }

    private static final Rejection[] EXPECTED_REJECTIONS = {
            new Rejection(ExcludedHostFilter.NAME, ExcludedHostFilter.ALREADY_TRIED, 1),
            new Rejection(HealthFilter.NAME, HealthFilter.CORDONED, 2),
            new Rejection(HealthFilter.NAME, HealthFilter.UNHEALTHY, 1),
            new Rejection(KindSupportFilter.NAME, KindSupportFilter.KIND_UNSUPPORTED, 1),
            new Rejection(CapacityFilter.NAME, CapacityFilter.INSUFFICIENT_CPU, 1),
            new Rejection(CapacityFilter.NAME, CapacityFilter.INSUFFICIENT_DISK, 1),
            new Rejection(CapacityFilter.NAME, CapacityFilter.INSUFFICIENT_MEMORY, 1),
    };

    /** One host per way to fail, in pipeline order; the request must exclude "excluded". */
    private static List<HostSnapshot> unfitFleet() {
        return List.of(
                host("excluded"),
                Fleet.cordoned(host("cordoned")),
                Fleet.cordoned(Fleet.withHealth(host("cordoned-and-unhealthy"), HealthStatus.UNHEALTHY)),
                Fleet.withHealth(host("unhealthy"), HealthStatus.UNHEALTHY),
                Fleet.supporting(host("vm-only"), Set.of(WorkloadKind.VM)),
                host("no-cpu", ROOMY, new Resources(3500, 0, 0)),
                host("no-memory", ROOMY, new Resources(0, 8000, 0)),
                host("no-disk", ROOMY, new Resources(0, 0, 95)));
    }

    private static List<HostSnapshot> identicalHosts(int n) {
        List<HostSnapshot> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hosts.add(host("twin-" + i));
        }
        return hosts;
    }
}
