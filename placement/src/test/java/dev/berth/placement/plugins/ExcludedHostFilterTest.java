package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.provider.spi.WorkloadKind;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class ExcludedHostFilterTest {

    private final ExcludedHostFilter filter = new ExcludedHostFilter();
    private final HostSnapshot host = Fleet.host("h1");
    private final UUID other = UUID.randomUUID();

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
            "nothing excluded,        false, false, none",
            "another host excluded,   false, true,  none",
            "this host excluded,      true,  false, already_tried",
            "this and another,        true,  true,  already_tried",
    })
    void dropsHostsAlreadyTried(String name, boolean excludeThis, boolean excludeOther, String reason) {
        var request = new PlacementRequest(UUID.randomUUID(), "acme", WorkloadKind.CONTAINER, SMALL, Set.of());
        if (excludeThis) {
            request = request.excluding(host.id());
        }
        if (excludeOther) {
            request = request.excluding(other);
        }

        FilterResult result = filter.filter(request, host, FleetStats.EMPTY);

        assertThat(result.passed()).isEqualTo(reason == null);
        assertThat(result.reason()).isEqualTo(reason);
    }
}
