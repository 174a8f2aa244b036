package dev.berth.placement.engine;

import dev.berth.placement.Fleet;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementConfig;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementPipeline;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.plugins.AllocationScorer;
import dev.berth.placement.plugins.BurstFilter;
import dev.berth.placement.plugins.CapacityFilter;
import dev.berth.placement.plugins.PrivateFirstScorer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.berth.placement.HostSnapshot.Price;
import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementExplanation.Burst;
import dev.berth.placement.PlacementExplanation.Rejection;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

import static org.assertj.core.api.Assertions.assertThat;

/** The two-stage private-first decision over whole fleets, in both modes. */
class BurstingTest {

    private static final Resources TWO_CPU = new Resources(2000, 2048, 10);

    /** A private host of 4 vCPU / 8 GiB with {@code usedCpu} taken, and an empty priced public host. */
    private static FleetIndex fleet(long usedCpu, long usedMemory) {
        HostSnapshot owned = Fleet.in(Fleet.host("owned", new Resources(4000, 8192, 100), new Resources(usedCpu, usedMemory, 0)),
                "eu-west", "a", ProviderClass.PRIVATE);
        HostSnapshot cloud = Fleet.in(Fleet.host("cloud", new Resources(64_000, 262_144, 1000), Resources.ZERO),
                "eu-west", "b", ProviderClass.PUBLIC).withPrice(new Price(40_000, 5_000));
        return FleetIndex.of(List.of(owned, cloud));
    }

    private static PlacementRequest request(Resources want, boolean allowed) {
        return new PlacementRequest(new UUID(3, 4), "acme", WorkloadKind.CONTAINER, want, Set.of(), PlacementHints.NONE,
                allowed ? Map.of(BurstFilter.TENANT_BURST_LABEL, BurstFilter.ALLOWED) : Map.of());
    }

    private static PlacementPipeline pipeline(PlacementConfig.Mode mode) {
        return new PlacementPipeline(PlacementConfig.defaults().withMode(mode), List.of());
    }

    @ParameterizedTest
    @EnumSource(PlacementConfig.Mode.class)
    void anAllowedTenantBurstsWhenNothingPrivateFitsAndTheExplanationSaysWhy(PlacementConfig.Mode mode) {
        // 3.5 of 4 vCPU and half the memory used: utilisation 0.69, below 0.8, but 2 vCPU do not fit
        PlacementDecision decision = pipeline(mode).place(request(TWO_CPU, true), fleet(3500, 4096));

        assertThat(decision.host()).get().extracting(HostSnapshot::name).isEqualTo("cloud");
        Burst burst = decision.explanation().burst();
        assertThat(burst.reason()).isEqualTo(Burst.NO_PRIVATE_FIT);
        assertThat(burst.threshold()).isEqualTo(0.8);
        assertThat(burst.privateUtilisation()).isLessThan(0.8);
        // the second stage's explanation: public hosts are no longer held back (FAST mode counts only the hosts it walked)
        assertThat(decision.explanation().rejections()).extracting(Rejection::filter).doesNotContain(BurstFilter.NAME);
        assertThat(decision.explanation().summary()).contains("burst to public: no private host could take the workload");
    }

    @ParameterizedTest
    @EnumSource(PlacementConfig.Mode.class)
    void aTenantNotAllowedToBurstGetsNoFitNamingTheRule(PlacementConfig.Mode mode) {
        PlacementDecision decision = pipeline(mode).place(request(TWO_CPU, false), fleet(3500, 4096));

        assertThat(decision.host()).isEmpty();
        assertThat(decision.explanation().burst()).isNull();
        assertThat(decision.explanation().rejections()).containsExactly(
                new Rejection(BurstFilter.NAME, BurstFilter.NOT_ALLOWED, 1),
                new Rejection(CapacityFilter.NAME, CapacityFilter.INSUFFICIENT_CPU, 1));
        assertThat(decision.explanation().summary()).contains("1 by Burst (burst_not_allowed)");
    }

    @ParameterizedTest
    @EnumSource(PlacementConfig.Mode.class)
    void belowTheThresholdWithPrivateRoomEvenAnAllowedTenantStaysPrivate(PlacementConfig.Mode mode) {
        PlacementDecision decision = pipeline(mode).place(request(Fleet.SMALL, true), fleet(1000, 1024));

        assertThat(decision.host()).get().extracting(HostSnapshot::name).isEqualTo("owned");
        assertThat(decision.explanation().burst()).isNull();
        assertThat(decision.explanation().rejections())
                .containsExactly(new Rejection(BurstFilter.NAME, BurstFilter.PRIVATE_FIRST, 1));
    }

    @Test
    void pastTheThresholdAnAllowedTenantsWorkloadMayWinOnAPublicHostAndSaysWhy() {
        // 3.5 of 4 vCPU and 7 of 8 GiB: utilisation 0.875; bin-packing prefers the fuller private host,
        // so the cost scorer's weight is lifted out to let the roomy public host win on allocation alone
        PlacementConfig spread = PlacementConfig.defaults().withStrategy(AllocationScorer.Strategy.SPREAD)
                .withScorerWeights(Map.of(AllocationScorer.NAME, 1, PrivateFirstScorer.NAME, 4));
        PlacementDecision decision = new PlacementPipeline(spread, List.of()).place(request(Fleet.SMALL, true), fleet(3500, 7168));

        assertThat(decision.host()).get().extracting(HostSnapshot::name).isEqualTo("cloud");
        assertThat(decision.explanation().burst().reason()).isEqualTo(Burst.PRIVATE_UTILISATION_ABOVE_THRESHOLD);
        assertThat(decision.explanation().burst().privateUtilisation()).isEqualTo(0.875);
        assertThat(decision.explanation().asData()).containsKey("burst");
    }

    @Test
    void whenEvenBurstingFailsTheExplanationCountsEveryHostUnderItsRealReason() {
        Resources huge = new Resources(128_000, 1024, 1);
        PlacementDecision decision = pipeline(PlacementConfig.Mode.EXACT).place(request(huge, true), fleet(0, 0));

        assertThat(decision.host()).isEmpty();
        assertThat(decision.explanation().rejections())
                .containsExactly(new Rejection(CapacityFilter.NAME, CapacityFilter.INSUFFICIENT_CPU, 2));
    }

    @Test
    void withTheBurstFilterDisabledPublicHostsOnlyScoreLower() {
        Set<String> filters = new java.util.HashSet<>(PlacementConfig.KNOWN_FILTERS);
        filters.remove(BurstFilter.NAME);
        PlacementPipeline scoreOnly = new PlacementPipeline(PlacementConfig.defaults().withFilters(filters), List.of());

        PlacementDecision decision = scoreOnly.place(request(TWO_CPU, false), fleet(3500, 4096));

        assertThat(decision.host()).get().extracting(HostSnapshot::name).isEqualTo("cloud");
        assertThat(decision.explanation().burst()).isNull();
    }
}
