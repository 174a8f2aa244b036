package dev.berth.placement.engine;

import dev.berth.placement.FilterResult;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementExplanation;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.plugins.AffinityFilter;
import dev.berth.placement.plugins.AllocationScorer;
import dev.berth.placement.plugins.AntiAffinityFilter;
import dev.berth.placement.plugins.BurstFilter;
import dev.berth.placement.plugins.CapacityFilter;
import dev.berth.placement.plugins.CostScorer;
import dev.berth.placement.plugins.ExcludedHostFilter;
import dev.berth.placement.plugins.HealthFilter;
import dev.berth.placement.plugins.KindSupportFilter;
import dev.berth.placement.plugins.PrivateFirstScorer;
import dev.berth.placement.plugins.RequiredLabelsFilter;
import dev.berth.placement.plugins.SoftAffinityScorer;
import dev.berth.placement.plugins.TenantEligibilityFilter;
import dev.berth.placement.plugins.ZoneSpreadScorer;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.berth.placement.plugins.AllocationScorer.Strategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kernel's contract, host by host, on seeded random fleets: a filter kernel rejects
 * exactly the hosts its object method rejects, for the same reason, and its bitset
 * {@code narrow} removes and counts exactly those; a score kernel equals the object score;
 * its bound is never below it; every host in one of its ceilings scores at most the
 * ceiling; a constant is the score of every host. {@link ColumnarPathTest} checks whole
 * decisions; this pins the piece that breaks.
 */
class KernelContractTest {

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 12).boxed();
    }

    private static List<ColumnarFilter> filters() {
        return List.of(new ExcludedHostFilter(), new HealthFilter(), new KindSupportFilter(), new TenantEligibilityFilter(),
                new RequiredLabelsFilter(), new BurstFilter(0.0), new BurstFilter(0.5), new BurstFilter(1.0),
                new AntiAffinityFilter(), new AffinityFilter(), new CapacityFilter());
    }

    private static List<ColumnarScorer> scorers(Random random) {
        return List.of(new AllocationScorer(Strategy.BIN_PACK), new AllocationScorer(Strategy.SPREAD), new SoftAffinityScorer(),
                new ZoneSpreadScorer(), new CostScorer(), new PrivateFirstScorer(random.nextInt(3) * 0.5));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void filterKernelsRejectExactlyWhatTheirFiltersReject(long seed) {
        Random random = new Random(seed);
        List<HostSnapshot> hosts = ColumnarPathTest.fleet(random, 40 + random.nextInt(300));
        FleetIndex index = FleetIndex.of(hosts);
        for (int r = 0; r < 60; r++) {
            PlacementRequest request = ColumnarPathTest.request(random, hosts);
            for (ColumnarFilter filter : filters()) {
                FilterKernel kernel = filter.prepare(request, index.columns(), index.stats());
                HostSet survivors = HostSet.all(hosts.size());
                for (int h = 0; h < hosts.size(); h++) {
                    if (random.nextInt(5) == 0) {
                        survivors.remove(h);
                    }
                }
                HostSet expected = HostSet.none(hosts.size());
                RejectionTally expectedTally = new RejectionTally();
                for (int h = 0; h < hosts.size(); h++) {
                    FilterResult result = filter.filter(request, hosts.get(h), index.stats());
                    assertThat(kernel.reject(h)).as("%s on host %d for %s", filter.name(), h, request)
                            .isEqualTo(result.passed() ? null : result.reason());
                    if (survivors.contains(h)) {
                        if (result.passed()) {
                            expected.add(h);
                        } else {
                            expectedTally.add(result.reason(), 1);
                        }
                    }
                }
                RejectionTally tally = new RejectionTally();
                kernel.narrow(survivors, tally);
                assertThat(survivors.words()).as("%s survivors", filter.name()).isEqualTo(expected.words());
                assertThat(rejections(tally)).as("%s counts", filter.name()).isEqualTo(rejections(expectedTally));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scoreKernelsScoreBoundAndCeilAsTheirScorersScore(long seed) {
        Random random = new Random(seed);
        List<HostSnapshot> hosts = ColumnarPathTest.fleet(random, 40 + random.nextInt(300));
        FleetIndex index = FleetIndex.of(hosts);
        int[] all = java.util.stream.IntStream.range(0, hosts.size()).toArray();
        for (int r = 0; r < 60; r++) {
            PlacementRequest request = ColumnarPathTest.request(random, hosts);
            for (ColumnarScorer scorer : scorers(random)) {
                ScoreKernel kernel = scorer.prepare(request, index.columns(), index.stats());
                long[] exact = new long[all.length];
                long[] bound = new long[all.length];
                kernel.addWeighted(all, all.length, 3, exact);
                kernel.addWeightedBound(all, all.length, 3, bound);
                for (int h = 0; h < hosts.size(); h++) {
                    int score = scorer.score(request, hosts.get(h), index.stats());
                    String what = scorer.name() + " on host " + h + " for " + request;
                    assertThat(kernel.score(h)).as(what).isEqualTo(score);
                    assertThat(exact[h]).as(what).isEqualTo(3L * score);
                    assertThat(bound[h]).as("bound of " + what).isGreaterThanOrEqualTo(3L * score);
                    if (kernel.constant() >= 0) {
                        assertThat(score).as("constant " + what).isEqualTo(kernel.constant());
                    }
                    for (ScoreKernel.Ceiling ceiling : kernel.ceilings()) {
                        if ((ceiling.hosts()[h >>> 6] & (1L << h)) != 0) {
                            assertThat(score).as("ceiling of " + what).isLessThanOrEqualTo(ceiling.atMost());
                        }
                    }
                }
            }
        }
    }

    private static List<PlacementExplanation.Rejection> rejections(RejectionTally tally) {
        List<PlacementExplanation.Rejection> out = new java.util.ArrayList<>();
        tally.appendTo("f", out);
        return out;
    }
}
