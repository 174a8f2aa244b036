package dev.berth.placement.engine;

import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementConfig;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementExplanation;
import dev.berth.placement.PlacementFilter;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementPipeline;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.PlacementScorer;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.berth.placement.plugins.AllocationScorer.Strategy;
import dev.berth.placement.HostSnapshot.HealthStatus;
import dev.berth.placement.HostSnapshot.Price;
import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementConfig.Mode;
import dev.berth.placement.PlacementHints.Affinity;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two modes against a brute-force oracle on random fleets (seeded, so a failure replays):
 * FAST always returns a host every filter accepts; EXACT always returns a host no feasible
 * host outscores.
 */
class FastModeTest {

    private static final String[] REGIONS = {"eu-west", "eu-central", "us-east"};

    @ParameterizedTest(name = "{0}")
    @EnumSource(Strategy.class)
    void fastChoosesAValidHostAndExactTheBestScoredOne(Strategy strategy) {
        Random random = new Random(42);
        List<HostSnapshot> hosts = randomFleet(random, 600);
        FleetIndex index = FleetIndex.of(hosts);
        PlacementConfig config = PlacementConfig.defaults().withStrategy(strategy).withCandidateLimit(16);
        PlacementPipeline exact = new PlacementPipeline(config.withMode(Mode.EXACT), List.of());
        PlacementPipeline fast = new PlacementPipeline(config.withMode(Mode.FAST), List.of());

        for (int i = 0; i < 300; i++) {
            PlacementRequest request = randomRequest(random);
            PlacementDecision best = exact.place(request, index);
            PlacementDecision quick = fast.place(request, index);

            assertThat(quick.host().isPresent()).as("fast finds a host iff one exists").isEqualTo(best.host().isPresent());
            quick.host().ifPresent(h -> assertThat(feasible(request, h, index.stats())).isTrue());
            best.host().ifPresent(chosen -> {
                long top = weighted(config, request, chosen, index.stats());
                for (HostSnapshot h : hosts) {
                    if (feasible(request, h, index.stats())) {
                        assertThat(weighted(config, request, h, index.stats())).isLessThanOrEqualTo(top);
                    }
                }
            });
        }
    }

    @Test
    void fastStopsAtTheCandidateLimitAndSaysSo() {
        List<HostSnapshot> hosts = randomFleet(new Random(7), 2000);
        PlacementPipeline fast = new PlacementPipeline(PlacementConfig.defaults().withMode(Mode.FAST).withCandidateLimit(8), List.of());
        PlacementRequest request = Fleet.request(new Resources(250, 256, 1));

        PlacementExplanation explanation = fast.place(request, FleetIndex.of(hosts)).explanation();

        assertThat(explanation.mode()).isEqualTo("fast");
        assertThat(explanation.fleetSize()).isEqualTo(2000);
        assertThat(explanation.hostsConsidered()).isLessThan(100);
        assertThat(explanation.candidates()).hasSize(3).allSatisfy(c -> assertThat(c.breakdown()).containsKey(AllocationScorer.NAME));
    }

    private static boolean feasible(PlacementRequest request, HostSnapshot host, FleetStats stats) {
        List<PlacementFilter> filters = List.of(new ExcludedHostFilter(), new HealthFilter(), new KindSupportFilter(),
                new TenantEligibilityFilter(), new RequiredLabelsFilter(), new BurstFilter(0.8), new AntiAffinityFilter(),
                new AffinityFilter(), new CapacityFilter());
        return filters.stream().allMatch(f -> f.filter(request, host, stats).passed());
    }

    private static long weighted(PlacementConfig config, PlacementRequest request, HostSnapshot host, FleetStats stats) {
        List<PlacementScorer> scorers = List.of(new AllocationScorer(config.strategy()), new SoftAffinityScorer(),
                new ZoneSpreadScorer(), new CostScorer(), new PrivateFirstScorer(config.privateFirstThreshold()));
        return scorers.stream().mapToLong(s -> (long) config.scorerWeights().get(s.name()) * s.score(request, host, stats)).sum();
    }

    static List<HostSnapshot> randomFleet(Random random, int n) {
        List<HostSnapshot> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Resources capacity = new Resources(4000L * (1 + random.nextInt(8)), 8192L * (1 + random.nextInt(8)), 500);
            Resources used = new Resources(random.nextLong(capacity.milliCpu() + 1), random.nextLong(capacity.memoryMiB() + 1),
                    random.nextInt(501));
            boolean vm = random.nextInt(4) == 0;
            boolean cloud = random.nextInt(5) == 0;
            HostSnapshot h = new HostSnapshot(new UUID(i, random.nextLong()), "host-" + i,
                    vm ? Set.of(WorkloadKind.VM, WorkloadKind.CONTAINER) : Set.of(WorkloadKind.CONTAINER),
                    random.nextInt(50) == 0, random.nextInt(50) == 0 ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY,
                    capacity, used, random.nextInt(10) == 0 ? Map.of("tier", "gold") : Map.of(),
                    REGIONS[random.nextInt(3)], "z" + random.nextInt(3), cloud ? ProviderClass.PUBLIC : ProviderClass.PRIVATE,
                    cloud ? new Price(20_000 + random.nextInt(30_000), 2_000 + random.nextInt(4_000)) : Price.FREE,
                    random.nextInt(8) == 0 ? Map.of("acme/web", 1 + random.nextInt(2)) : Map.of());
            hosts.add(h);
        }
        return hosts;
    }

    static PlacementRequest randomRequest(Random random) {
        Resources want = new Resources(250L * (1 + random.nextInt(16)), 256L * (1 + random.nextInt(32)), random.nextInt(20));
        PlacementHints hints = PlacementHints.NONE;
        if (random.nextInt(3) == 0) {
            hints = hints.withRegion(REGIONS[random.nextInt(3)]);
        }
        if (random.nextInt(4) == 0) {
            Affinity[] rules = Affinity.values();
            hints = hints.withGroup("web", rules[random.nextInt(3)], rules[random.nextInt(3)]);
        }
        if (random.nextInt(10) == 0) {
            hints = hints.withRequiredLabels(Map.of("tier", "gold"));
        }
        WorkloadKind kind = random.nextInt(4) == 0 ? WorkloadKind.VM : WorkloadKind.CONTAINER;
        return new PlacementRequest(new UUID(random.nextLong(), random.nextLong()), "acme", kind, want, Set.of()).withHints(hints);
    }
}
