package dev.berth.placement.plugins;

import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementHints.Affinity;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class ZoneSpreadScorerTest {

    private final ZoneSpreadScorer scorer = new ZoneSpreadScorer();

    /** Members of acme/web in zones a, b, c (one host per zone); the score of a host in zone a. */
    @ParameterizedTest(name = "members a={0} b={1} c={2} -> zone a scores {3}")
    @CsvSource({
            "0, 0, 0, 100",
            "0, 1, 1, 100",
            "1, 1, 1,   0",
            "1, 2, 2,  50",
            "2, 2, 1,   0",
            "1, 4, 0,  75",
            "3, 0, 0,   0",
    })
    void emptierZonesScoreHigher(int a, int b, int c, int expected) {
        List<HostSnapshot> fleet = new ArrayList<>();
        fleet.add(inZone("a", a));
        fleet.add(inZone("b", b));
        fleet.add(inZone("c", c));

        int score = scorer.score(request("web"), fleet.get(0), FleetStats.of(fleet));

        assertThat(score).isEqualTo(expected);
    }

    @ParameterizedTest(name = "group={0} -> 100")
    @CsvSource(nullValues = "none", value = {"none", "other"})
    void withoutMembersOfTheGroupEveryZoneIsEqual(String group) {
        List<HostSnapshot> fleet = List.of(inZone("a", 2), inZone("b", 0));

        assertThat(scorer.score(request(group), fleet.get(0), FleetStats.of(fleet))).isEqualTo(100);
        assertThat(scorer.score(request(group), fleet.get(1), FleetStats.of(fleet))).isEqualTo(100);
    }

    private static PlacementRequest request(String group) {
        return Fleet.request(SMALL).withHints(PlacementHints.NONE.withGroup(group, Affinity.NONE, Affinity.NONE));
    }

    private static HostSnapshot inZone(String zone, int members) {
        HostSnapshot h = Fleet.in(Fleet.host("host-" + zone), "eu-west", zone, ProviderClass.PRIVATE);
        return members == 0 ? h : h.withGroupCounts(Map.of("acme/web", members));
    }
}
