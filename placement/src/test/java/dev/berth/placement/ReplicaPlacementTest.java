package dev.berth.placement;

import dev.berth.placement.plugins.AntiAffinityFilter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.berth.placement.plugins.AllocationScorer.Strategy;
import dev.berth.placement.PlacementConfig.Mode;
import dev.berth.placement.PlacementExplanation.Rejection;
import dev.berth.placement.PlacementHints.Affinity;
import dev.berth.provider.spi.Resources;

import static org.assertj.core.api.Assertions.assertThat;

/** Sequences of decisions, each applied to the snapshot before the next, as the create path does. */
class ReplicaPlacementTest {

    private static final Resources SLICE = new Resources(500, 512, 1);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void hardAntiAffinitySpreadsThreeReplicasOverThreeHostsAndRefusesTheFourth(Mode mode) {
        PlacementPipeline pipeline = new PlacementPipeline(PlacementConfig.defaults().withMode(mode), List.of());
        List<HostSnapshot> fleet = new ArrayList<>(List.of(Fleet.host("h1"), Fleet.host("h2"), Fleet.host("h3")));
        PlacementHints web = PlacementHints.NONE.withGroup("web", Affinity.NONE, Affinity.HARD);
        List<String> landed = new ArrayList<>();

        for (int replica = 0; replica < 3; replica++) {
            PlacementRequest request = Fleet.request(SLICE).withHints(web);
            HostSnapshot host = pipeline.place(request, fleet).host().orElseThrow();
            landed.add(host.name());
            apply(fleet, host, request);
        }
        PlacementDecision fourth = pipeline.place(Fleet.request(SLICE).withHints(web), fleet);

        assertThat(landed).containsExactlyInAnyOrder("h1", "h2", "h3");
        assertThat(fourth.host()).isEmpty();
        assertThat(fourth.explanation().rejections())
                .containsExactly(new Rejection(AntiAffinityFilter.NAME, AntiAffinityFilter.GROUP_MEMBER_PRESENT, 3));
        assertThat(fourth.explanation().summary()).contains("3 by AntiAffinity (group_member_present)");
    }

    /** 4 hosts of 4 vCPU, 20 requests of 0.5 vCPU: bin-pack fills hosts one by one (8 + 8 + 4), spread deals them out (5 each). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void sameTwentyRequestsPackOrSpreadByStrategy(Mode mode) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(UUID.nameUUIDFromBytes(("request-" + i).getBytes()));
        }

        assertThat(distribution(Strategy.BIN_PACK, mode, ids)).containsExactly(8, 8, 4, 0);
        assertThat(distribution(Strategy.SPREAD, mode, ids)).containsExactly(5, 5, 5, 5);
    }

    private static List<Integer> distribution(Strategy strategy, Mode mode, List<UUID> ids) {
        PlacementPipeline pipeline = new PlacementPipeline(PlacementConfig.defaults().withStrategy(strategy).withMode(mode), List.of());
        List<HostSnapshot> fleet = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fleet.add(Fleet.host("h" + i));
        }
        Map<String, Integer> perHost = new HashMap<>();
        fleet.forEach(h -> perHost.put(h.name(), 0));
        for (UUID id : ids) {
            PlacementRequest request = Fleet.request(id, SLICE);
            HostSnapshot host = pipeline.place(request, fleet).host().orElseThrow();
            perHost.merge(host.name(), 1, Integer::sum);
            apply(fleet, host, request);
        }
        return perHost.values().stream().sorted((a, b) -> b - a).toList();
    }

    private static void apply(List<HostSnapshot> fleet, HostSnapshot chosen, PlacementRequest request) {
        fleet.replaceAll(h -> h.id().equals(chosen.id()) ? h.placing(request) : h);
    }
}
