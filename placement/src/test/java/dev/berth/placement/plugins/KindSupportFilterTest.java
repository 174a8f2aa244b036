package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.provider.spi.WorkloadKind;

import static dev.berth.placement.Fleet.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

class KindSupportFilterTest {

    private final KindSupportFilter filter = new KindSupportFilter();

    @ParameterizedTest(name = "{0} on host supporting [{1}] -> {2}")
    @CsvSource(nullValues = "pass", value = {
            "CONTAINER, CONTAINER,    pass",
            "CONTAINER, CONTAINER VM, pass",
            "VM,        CONTAINER VM, pass",
            "VM,        VM,           pass",
            "VM,        CONTAINER,    kind_unsupported",
            "CONTAINER, VM,           kind_unsupported",
            "CONTAINER, '',           kind_unsupported",
    })
    void keepsHostsWhoseDriverRunsTheKind(WorkloadKind wanted, String supported, String reason) {
        HostSnapshot host = Fleet.supporting(Fleet.host("h1"), kinds(supported));
        var request = new PlacementRequest(UUID.randomUUID(), "acme", wanted, SMALL, Set.of());

        FilterResult result = filter.filter(request, host, FleetStats.EMPTY);

        assertThat(result.passed()).isEqualTo(reason == null);
        assertThat(result.reason()).isEqualTo(reason);
    }

    private static Set<WorkloadKind> kinds(String names) {
        return names.isBlank() ? Set.of()
                : Arrays.stream(names.trim().split(" +")).map(WorkloadKind::valueOf).collect(Collectors.toSet());
    }
}
