package dev.berth.placement.plugins;

import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementRequest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.PlacementHints.Affinity;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class SoftAffinityScorerTest {

    private final SoftAffinityScorer scorer = new SoftAffinityScorer();

    @ParameterizedTest(name = "affinity={0}, anti={1}, members here={2} -> {3}")
    @CsvSource({
            "NONE, NONE, 0,   0",
            "NONE, NONE, 3,   0",
            "SOFT, NONE, 0,   0",
            "SOFT, NONE, 1, 100",
            "SOFT, NONE, 4, 100",
            "NONE, SOFT, 0, 100",
            "NONE, SOFT, 1,  50",
            "NONE, SOFT, 3,  25",
            // both asked: the mean; a host with members is as good as one without
            "SOFT, SOFT, 0,  50",
            "SOFT, SOFT, 1,  75",
            // hard rules are filters, not scores
            "HARD, HARD, 1,   0",
    })
    void prefersOrAvoidsTheGroup(Affinity affinity, Affinity antiAffinity, int members, int expected) {
        HostSnapshot host = Fleet.host("h1").withGroupCounts(AffinityFilterTest.groups(members, 0));
        PlacementRequest request = Fleet.request(SMALL).withHints(PlacementHints.NONE.withGroup("web", affinity, antiAffinity));

        assertThat(scorer.score(request, host, FleetStats.EMPTY)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "no group, affinity={0} -> 0")
    @CsvSource({"SOFT", "NONE"})
    void withoutGroupEveryHostScoresTheSame(Affinity affinity) {
        HostSnapshot host = Fleet.host("h1").withGroupCounts(AffinityFilterTest.groups(2, 0));
        PlacementRequest request = Fleet.request(SMALL).withHints(PlacementHints.NONE.withGroup(null, affinity, affinity));

        assertThat(scorer.score(request, host, FleetStats.EMPTY)).isZero();
    }
}
