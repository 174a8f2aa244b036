package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementRequest;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.PlacementHints.Affinity;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class AffinityFilterTest {

    private final AffinityFilter filter = new AffinityFilter();

    /** Tenant acme, group "web". Columns: affinity, members of acme/web here, elsewhere, members of globex/web here. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "pass", value = {
            "no rule,                                 NONE, 0, 3, 0, pass",
            "soft is a score not a filter,           SOFT, 0, 3, 0, pass",
            "hard and a member here,                 HARD, 1, 0, 0, pass",
            "hard and several members here,          HARD, 5, 2, 0, pass",
            "hard and members only elsewhere,        HARD, 0, 1, 0, no_group_member",
            // the first replica has nowhere to join: everywhere is fine
            "hard and no member anywhere,            HARD, 0, 0, 0, pass",
            // another tenant's group of the same name does not count
            "hard and only another tenant's group here, HARD, 0, 1, 2, no_group_member",
    })
    void keepsHostsRunningTheGroup(String name, Affinity affinity, int here, int elsewhere, int foreignHere, String reason) {
        HostSnapshot host = Fleet.host("h1").withGroupCounts(groups(here, foreignHere));
        HostSnapshot other = Fleet.host("h2").withGroupCounts(groups(elsewhere, 0));
        PlacementRequest request = Fleet.request(SMALL).withHints(PlacementHints.NONE.withGroup("web", affinity, Affinity.NONE));

        FilterResult result = filter.filter(request, host, FleetStats.of(List.of(host, other)));

        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.passed()).isEqualTo(reason == null);
    }

    static Map<String, Integer> groups(int acmeWeb, int globexWeb) {
        Map<String, Integer> groups = new java.util.HashMap<>();
        if (acmeWeb > 0) {
            groups.put("acme/web", acmeWeb);
        }
        if (globexWeb > 0) {
            groups.put("globex/web", globexWeb);
        }
        return groups;
    }
}
