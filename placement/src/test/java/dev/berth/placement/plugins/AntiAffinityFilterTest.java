package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementRequest;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.PlacementHints.Affinity;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class AntiAffinityFilterTest {

    private final AntiAffinityFilter filter = new AntiAffinityFilter();

    /** Tenant acme, group "web". Columns: anti-affinity, members of acme/web here, members of globex/web here. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "pass", value = {
            "no rule and a member here,         NONE, 1, 0, pass",
            "soft is a score not a filter,      SOFT, 1, 0, pass",
            "hard and no member here,           HARD, 0, 0, pass",
            "hard and exactly one member here,  HARD, 1, 0, group_member_present",
            "hard and many members here,        HARD, 7, 0, group_member_present",
            "hard and only another tenant's group, HARD, 0, 3, pass",
    })
    void dropsHostsRunningTheGroup(String name, Affinity antiAffinity, int here, int foreignHere, String reason) {
        HostSnapshot host = Fleet.host("h1").withGroupCounts(AffinityFilterTest.groups(here, foreignHere));
        PlacementRequest request = Fleet.request(SMALL).withHints(PlacementHints.NONE.withGroup("web", Affinity.NONE, antiAffinity));

        FilterResult result = filter.filter(request, host, FleetStats.of(List.of(host)));

        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.passed()).isEqualTo(reason == null);
    }

    @ParameterizedTest(name = "hard anti-affinity without a group -> pass ({0} members)")
    @CsvSource({"0", "1"})
    void withoutGroupThereIsNothingToAvoid(int members) {
        HostSnapshot host = Fleet.host("h1").withGroupCounts(AffinityFilterTest.groups(members, 0));
        PlacementRequest request = Fleet.request(SMALL).withHints(PlacementHints.NONE.withGroup(null, Affinity.NONE, Affinity.HARD));

        assertThat(filter.filter(request, host, FleetStats.EMPTY).passed()).isTrue();
    }
}
