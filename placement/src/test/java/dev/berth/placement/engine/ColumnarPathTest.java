package dev.berth.placement.engine;

import dev.berth.placement.Fleet;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementConfig;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementExplanation;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementPipeline;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.plugins.AffinityFilter;
import dev.berth.placement.plugins.BurstFilter;
import dev.berth.placement.plugins.CapacityFilter;
import dev.berth.placement.plugins.ExcludedHostFilter;
import dev.berth.placement.plugins.HealthFilter;
import dev.berth.placement.plugins.KindSupportFilter;
import dev.berth.placement.plugins.PolicyFilter;
import dev.berth.placement.plugins.RequiredLabelsFilter;
import dev.berth.placement.plugins.TenantEligibilityFilter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.berth.placement.plugins.AllocationScorer.Strategy;
import dev.berth.placement.HostSnapshot.HealthStatus;
import dev.berth.placement.HostSnapshot.Price;
import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementConfig.Mode;
import dev.berth.placement.PlacementHints.Affinity;
import dev.berth.placement.PlacementHints.Isolation;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The columnar kernels against the plugins' own object methods: on random fleets and
 * requests (seeded, so a failure replays; the seed is in the test name), the same chain run
 * with kernels and host by host must give the same decision — the same host, the same
 * rejection counts per filter and reason, the same candidates and scores. Fleets mix every
 * attribute a kernel reads: tenant pools and dedicated hosts, regions and zones (some
 * blank), labels (some unique per host, so the sparse lists are exercised), groups of
 * several tenants, prices, cordons, failed probes, burst-allowed tenants (and requests already
 * in the bursting stage), instance limits (a quarter of the hosts, one above, at or one below
 * their instance count); sizes straddle the 64-host word.
 */
class ColumnarPathTest {

    private static final String[] TENANTS = {"acme", "globex", "initech"};
    private static final String[] REGIONS = {"eu-west", "eu-central", "us-east", ""};
    private static final String[] GROUPS = {"web", "db"};

    /** Includes a placement policy (no kernel): it must run host by host in its place in the chain. */
    private static final PolicyFilter NO_RACK_7 = new PolicyFilter("no-rack-7", (r, h) -> !"r7".equals(h.labels().get("rack")));

    static Stream<Arguments> seeds() {
        return java.util.stream.LongStream.rangeClosed(1, 16).boxed().flatMap(seed -> Stream.of(
                Arguments.of(seed, Mode.EXACT, Strategy.BIN_PACK), Arguments.of(seed, Mode.EXACT, Strategy.SPREAD),
                Arguments.of(seed, Mode.FAST, Strategy.BIN_PACK), Arguments.of(seed, Mode.FAST, Strategy.SPREAD)));
    }

    @ParameterizedTest(name = "seed {0}, {1}, {2}")
    @MethodSource("seeds")
    void kernelsDecideExactlyAsTheObjectMethods(long seed, Mode mode, Strategy strategy) {
        Random random = new Random(seed);
        int[] sizes = {0, 1, 63, 64, 65, 130, 700, 2500};
        List<HostSnapshot> hosts = fleet(random, sizes[(int) (seed % sizes.length)] + random.nextInt(3));
        FleetIndex index = FleetIndex.of(hosts);
        PlacementConfig config = config(random, mode, strategy);
        List<PolicyFilter> policies = random.nextBoolean() ? List.of(NO_RACK_7) : List.of();
        PlacementPipeline columnar = new PlacementPipeline(config, policies);
        PlacementPipeline perHost = PlacementPipeline.perHost(config, policies);

        int placed = 0;
        for (int i = 0; i < 200; i++) {
            PlacementRequest request = request(random, hosts);
            PlacementDecision expected = perHost.place(request, index);
            PlacementDecision actual = columnar.place(request, index);

            assertThat(actual).as("request %d: %s", i, request).isEqualTo(expected);
            placed += expected.host().isPresent() ? 1 : 0;
        }
        if (hosts.size() > 60) {
            assertThat(placed).as("the random requests are not all hopeless").isGreaterThan(20);
        }
    }

    /**
     * A pipeline reuses its per-thread buffers (survivor bitset, tallies, ranking) decision
     * after decision: nothing may carry over, even when consecutive decisions are on fleets
     * of different sizes or one is a FAST search that fell back to EXACT.
     */
    @Test
    void aReusedPipelineDecidesAsAFreshOneAcrossFleetsOfDifferentSizes() {
        Random random = new Random(2026);
        List<List<HostSnapshot>> fleets = List.of(fleet(random, 70), fleet(random, 1300), fleet(random, 5));
        List<FleetIndex> indexes = fleets.stream().map(FleetIndex::of).toList();
        for (Mode mode : Mode.values()) {
            PlacementConfig config = PlacementConfig.defaults().withMode(mode);
            PlacementPipeline reused = new PlacementPipeline(config, List.of(NO_RACK_7));
            for (int i = 0; i < 120; i++) {
                int f = random.nextInt(fleets.size());
                PlacementRequest request = request(random, fleets.get(f));
                PlacementDecision fresh = new PlacementPipeline(config, List.of(NO_RACK_7)).place(request, indexes.get(f));
                assertThat(reused.place(request, indexes.get(f))).as("%s request %d on fleet %d", mode, i, f).isEqualTo(fresh);
            }
        }
    }

    @Test
    void tiedHostsAreBrokenTheSameWayByBothPaths() {
        List<HostSnapshot> twins = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            twins.add(Fleet.host("twin-" + i));
        }
        FleetIndex index = FleetIndex.of(twins);
        PlacementConfig config = PlacementConfig.defaults();
        for (int i = 0; i < 50; i++) {
            PlacementRequest request = Fleet.request(new UUID(i, 7 * i), Fleet.SMALL);
            assertThat(new PlacementPipeline(config, List.of()).place(request, index))
                    .isEqualTo(PlacementPipeline.perHost(config, List.of()).place(request, index));
        }
    }

    @Test
    void oneRequestCountsTheSameRejectionsOnAFleetBuiltToFailEveryFilter() {
        List<HostSnapshot> hosts = new ArrayList<>();
        Random random = new Random(99);
        hosts.addAll(fleet(random, 300));
        PlacementRequest request = new PlacementRequest(new UUID(1, 2), "acme", WorkloadKind.CONTAINER,
                new Resources(6000, 12_000, 40), Set.of(hosts.get(3).id(), hosts.get(200).id()),
                PlacementHints.NONE.withRegion("eu-west").withRequiredLabels(Map.of("tier", "gold"))
                        .withGroup("web", Affinity.NONE, Affinity.HARD),
                Map.of(TenantEligibilityFilter.TENANT_ALLOWED_PROVIDER_CLASSES, "private"));
        FleetIndex index = FleetIndex.of(hosts);
        PlacementConfig config = PlacementConfig.defaults();

        PlacementDecision expected = PlacementPipeline.perHost(config, List.of(NO_RACK_7)).place(request, index);
        PlacementDecision actual = new PlacementPipeline(config, List.of(NO_RACK_7)).place(request, index);

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.explanation().rejections()).extracting(PlacementExplanation.Rejection::filter)
                .contains(ExcludedHostFilter.NAME, HealthFilter.NAME, KindSupportFilter.NAME, TenantEligibilityFilter.NAME,
                        RequiredLabelsFilter.NAME, CapacityFilter.NAME);
    }

    private static PlacementConfig config(Random random, Mode mode, Strategy strategy) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String scorer : PlacementConfig.KNOWN_SCORERS) {
            if (random.nextInt(6) != 0) {
                weights.put(scorer, random.nextInt(5));
            }
        }
        Set<String> filters = new HashSet<>(PlacementConfig.KNOWN_FILTERS);
        if (random.nextInt(4) == 0) {
            filters.remove(AffinityFilter.NAME);
        }
        if (random.nextInt(5) == 0) {
            filters.remove(BurstFilter.NAME);
        }
        return PlacementConfig.defaults().withMode(mode).withStrategy(strategy).withScorerWeights(weights)
                .withFilters(filters).withPrivateFirstThreshold(random.nextInt(3) * 0.5)
                .withCandidateLimit(1 + random.nextInt(20));
    }

    static List<HostSnapshot> fleet(Random random, int n) {
        List<HostSnapshot> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Resources capacity = new Resources(2000L * random.nextInt(9), 4096L * (1 + random.nextInt(8)), random.nextInt(3) * 100);
            Resources used = new Resources(random.nextLong(capacity.milliCpu() + 1), random.nextLong(capacity.memoryMiB() + 1),
                    random.nextLong(capacity.diskGiB() + 1));
            int kinds = random.nextInt(4);
            Set<WorkloadKind> supported = kinds == 0 ? Set.of(WorkloadKind.VM)
                    : kinds == 1 ? Set.of(WorkloadKind.VM, WorkloadKind.CONTAINER) : Set.of(WorkloadKind.CONTAINER);
            Map<String, String> labels = new HashMap<>();
            if (random.nextInt(3) == 0) {
                labels.put("tier", random.nextBoolean() ? "gold" : "silver");
            }
            labels.put("rack", "r" + random.nextInt(10));
            if (random.nextInt(4) == 0) {
                labels.put("serial", "s" + i);
            }
            int tenancy = random.nextInt(10);
            if (tenancy == 0) {
                labels.put(TenantEligibilityFilter.HOST_DEDICATED_TO, TENANTS[random.nextInt(TENANTS.length)]);
            } else if (tenancy == 1) {
                labels.put(TenantEligibilityFilter.HOST_TENANTS, TENANTS[random.nextInt(3)] + "," + TENANTS[random.nextInt(3)]);
            }
            Map<String, Integer> groups = new HashMap<>();
            for (String tenant : TENANTS) {
                if (random.nextInt(6) == 0) {
                    groups.put(tenant + "/" + GROUPS[random.nextInt(GROUPS.length)], 1 + random.nextInt(3));
                }
            }
            boolean cloud = random.nextInt(4) == 0;
            int instances = random.nextInt(5);
            // limits around the count: one free slot, exactly full, or over (a snapshot taken mid-change)
            int limit = random.nextInt(4) == 0 ? Math.max(1, instances + 1 - random.nextInt(3)) : HostSnapshot.NO_INSTANCE_LIMIT;
            String region = REGIONS[random.nextInt(REGIONS.length)];
            hosts.add(new HostSnapshot(new UUID(random.nextLong(), i), "host-" + i, supported, random.nextInt(15) == 0,
                    HealthStatus.values()[random.nextInt(12) == 0 ? 2 : random.nextInt(2)], capacity, used, labels,
                    region, region.isEmpty() ? "" : region + "-" + random.nextInt(3),
                    cloud ? ProviderClass.PUBLIC : ProviderClass.PRIVATE,
                    cloud ? new Price(10_000 + random.nextInt(40_000), 1_000 + random.nextInt(5_000)) : Price.FREE, groups)
                    .withInstances(instances, limit));
        }
        return hosts;
    }

    static PlacementRequest request(Random random, List<HostSnapshot> hosts) {
        Resources want = new Resources(250L * random.nextInt(12), 256L * random.nextInt(40), random.nextInt(60));
        PlacementHints hints = PlacementHints.NONE;
        if (random.nextInt(4) == 0) {
            hints = hints.withRegion(random.nextInt(10) == 0 ? "mars-north" : REGIONS[random.nextInt(REGIONS.length)]);
        }
        if (random.nextInt(8) == 0) {
            hints = hints.withZone(REGIONS[random.nextInt(3)] + "-" + random.nextInt(4));
        }
        if (random.nextInt(8) == 0) {
            hints = hints.withProviderClass(ProviderClass.values()[random.nextInt(2)]);
        }
        if (random.nextInt(6) == 0) {
            hints = hints.withRequiredLabels(random.nextBoolean() ? Map.of("tier", "gold")
                    : Map.of("rack", "r" + random.nextInt(12), "serial", "s" + random.nextInt(Math.max(1, hosts.size()))));
        }
        if (random.nextInt(3) == 0) {
            Affinity[] rules = Affinity.values();
            hints = hints.withGroup(GROUPS[random.nextInt(GROUPS.length)], rules[random.nextInt(3)], rules[random.nextInt(3)]);
        }
        if (random.nextInt(10) == 0) {
            hints = hints.withIsolation(Isolation.DEDICATED);
        }
        Map<String, String> tenantLabels = new HashMap<>();
        if (random.nextInt(5) == 0) {
            tenantLabels.put(TenantEligibilityFilter.TENANT_ALLOWED_REGIONS, random.nextBoolean() ? "eu-west,eu-central" : "us-east");
        }
        if (random.nextInt(6) == 0) {
            tenantLabels.put(TenantEligibilityFilter.TENANT_ALLOWED_PROVIDER_CLASSES, random.nextBoolean() ? "private" : "public");
        }
        if (random.nextInt(3) == 0) {
            // burst-allowed tenants: exercises the burst rule's kernel and the second (bursting) stage
            tenantLabels.put(BurstFilter.TENANT_BURST_LABEL, random.nextInt(8) == 0 ? "denied" : BurstFilter.ALLOWED);
        }
        Set<UUID> exclude = new HashSet<>();
        if (!hosts.isEmpty() && random.nextInt(4) == 0) {
            for (int k = random.nextInt(4); k >= 0; k--) {
                exclude.add(hosts.get(random.nextInt(hosts.size())).id());
            }
            exclude.add(new UUID(-1, random.nextLong()));
        }
        WorkloadKind kind = random.nextInt(4) == 0 ? WorkloadKind.VM : WorkloadKind.CONTAINER;
        return new PlacementRequest(new UUID(random.nextLong(), random.nextLong()), TENANTS[random.nextInt(TENANTS.length)],
                kind, want, exclude, hints, tenantLabels, random.nextInt(10) == 0);
    }
}
