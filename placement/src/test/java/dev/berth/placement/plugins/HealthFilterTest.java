package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.HostSnapshot.HealthStatus;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class HealthFilterTest {

    private final HealthFilter filter = new HealthFilter();

    @ParameterizedTest(name = "cordoned={0}, health={1} -> {2}")
    @CsvSource(nullValues = "pass", value = {
            "false, HEALTHY,   pass",
            // never probed yet: registration probes it, refusing it would stall a fresh fleet
            "false, UNKNOWN,   pass",
            "false, UNHEALTHY, unhealthy",
            // cordon is the admin's word and is checked first
            "true,  HEALTHY,   cordoned",
            "true,  UNKNOWN,   cordoned",
            "true,  UNHEALTHY, cordoned",
    })
    void keepsHostsThatCanTakeWorkNow(boolean cordoned, HealthStatus health, String reason) {
        HostSnapshot host = Fleet.withHealth(Fleet.host("h1"), health);
        if (cordoned) {
            host = Fleet.cordoned(host);
        }

        FilterResult result = filter.filter(Fleet.request(SMALL), host, FleetStats.EMPTY);

        assertThat(result.passed()).isEqualTo(reason == null);
        assertThat(result.reason()).isEqualTo(reason);
    }

}
