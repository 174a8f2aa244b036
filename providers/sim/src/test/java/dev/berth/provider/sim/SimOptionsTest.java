package dev.berth.provider.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimOptionsTest {

    private static SimOptions parse(String endpoint, Map<String, String> options) {
        return SimOptions.from(new HostConnection("sim", endpoint, options));
    }

    @Test
    void everyOptionHasADefault() {
        SimOptions options = parse("sim://rack-1/host-7", Map.of());

        assertThat(options.capacity()).isEqualTo(new Resources(16_000, 65_536, 500));
        assertThat(options.kinds()).containsExactlyInAnyOrder(WorkloadKind.CONTAINER, WorkloadKind.VM);
        for (SimCall call : Set.of(SimCall.PROVISION, SimCall.START, SimCall.STOP, SimCall.DELETE, SimCall.SNAPSHOT)) {
            assertThat(options.latency(call)).isEqualTo(Latency.ZERO);
        }
        assertThat(options.transientFailureRate()).isZero();
        assertThat(options.permanentFailureRate()).isZero();
        assertThat(options.seed()).as("derived from the endpoint").isEqualTo("sim://rack-1/host-7".hashCode());
        assertThat(options.hasImage("anything/at:all")).isTrue();
        assertThat(options.snapshots()).isTrue();
        assertThat(options.reachable()).isTrue();
    }

    @Test
    void readsEveryOption() {
        SimOptions options = parse("sim://h", Map.ofEntries(
                Map.entry("vcpu", "2.5"), Map.entry("memoryMiB", "4096"), Map.entry("diskGiB", "0"),
                Map.entry("kinds", "vm"),
                Map.entry("provisionLatency", "lognormal:median=40ms,p99=400ms"),
                Map.entry("startLatency", "uniform:1ms..2ms"), Map.entry("stopLatency", "3ms"),
                Map.entry("deleteLatency", "fixed:4ms"), Map.entry("snapshotLatency", "0"),
                Map.entry("transientFailureRate", "0.1"), Map.entry("permanentFailureRate", "0.05"),
                Map.entry("seed", "-12"), Map.entry("images", "a:1, b:2"),
                Map.entry("snapshots", "false"), Map.entry("unreachable", "true")));

        assertThat(options.capacity()).isEqualTo(new Resources(2_500, 4_096, 0));
        assertThat(options.kinds()).containsExactly(WorkloadKind.VM);
        assertThat(options.latency(SimCall.PROVISION)).hasToString("lognormal:median=40ms,p99=400ms");
        assertThat(options.latency(SimCall.START)).hasToString("uniform:1ms..2ms");
        assertThat(options.latency(SimCall.STOP)).hasToString("fixed:3ms");
        assertThat(options.latency(SimCall.DELETE)).hasToString("fixed:4ms");
        assertThat(options.latency(SimCall.SNAPSHOT)).isEqualTo(Latency.ZERO);
        assertThat(options.transientFailureRate()).isEqualTo(0.1);
        assertThat(options.permanentFailureRate()).isEqualTo(0.05);
        assertThat(options.seed()).isEqualTo(-12);
        assertThat(options.images()).containsExactlyInAnyOrder("a:1", "b:2");
        assertThat(options.hasImage("c:3")).isFalse();
        assertThat(options.snapshots()).isFalse();
        assertThat(options.reachable()).isFalse();
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            vcpu                 | 0        | vcpu is positive
            vcpu                 | 0.0005   | at most 3 decimals
            vcpu                 | many     | option vcpu
            memoryMiB            | 0        | must be positive
            diskGiB              | -1       | must not be negative
            kinds                | gpu      | kinds are container and vm
            kinds                | ' , '    | at least one kind
            provisionLatency     | soon     | option provisionLatency
            stopLatency          | uniform:9ms..1ms | min <= max
            transientFailureRate | 1.5      | between 0 and 1
            permanentFailureRate | -0.1     | between 0 and 1
            transientFailureRate | NaN      | between 0 and 1
            seed                 | 1e3      | option seed
            snapshots            | yes      | true or false
            unreachable          | 1        | true or false
            """)
    void refusesInvalidValuesNamingTheOption(String key, String value, String message) {
        assertThatThrownBy(() -> parse("sim://h", Map.of(key, value)))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("option " + key)
                .hasMessageContaining(message);
    }

    @Test
    void refusesFailureRatesAddingUpToMoreThanOne() {
        assertThatThrownBy(() -> parse("sim://h", Map.of("transientFailureRate", "0.6", "permanentFailureRate", "0.5")))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("must not exceed 1");
    }

    /** A typo must fail at registration, not be ignored for a whole benchmark run. */
    @Test
    void refusesUnknownOptionsListingTheKnownOnes() {
        assertThatThrownBy(() -> parse("sim://h", Map.of("provisionLatancy", "5ms")))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("[provisionLatancy]")
                .hasMessageContaining("provisionLatency");
    }

    @ParameterizedTest
    @CsvSource({"sim://", "sim:/h", "tcp://127.0.0.1:2375", "h"})
    void refusesEndpointsThatAreNotSimUris(String endpoint) {
        assertThatThrownBy(() -> parse(endpoint, Map.of()))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("sim://<name>");
    }
}
