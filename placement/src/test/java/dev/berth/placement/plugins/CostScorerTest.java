package dev.berth.placement.plugins;

import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.HostSnapshot.Price;
import dev.berth.provider.spi.Resources;

import static org.assertj.core.api.Assertions.assertThat;

class CostScorerTest {

    private final CostScorer scorer = new CostScorer();

    /**
     * The fleet's dearest host charges 40,000 µ/vCPU-h and 5,000 µ/GiB-h. Columns: this host's prices,
     * request (milli-CPU, MiB), expected score = round(100 × (1 − cost here / cost at the dearest prices)).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "owned hardware is free,                  0,     0, 1000, 1024, 100",
            "the dearest host,                    40000,  5000, 1000, 1024,   0",
            "half price everywhere,               20000,  2500, 1000, 1024,  50",
            // 1 vCPU + 1 GiB at the dearest = 45,000; here 40,000 + 0
            "cheap memory and dear cpu for cpu,  40000,     0, 1000, 1024,  11",
            // 0.1 vCPU + 8 GiB at the dearest = 4,000 + 40,000; here 4,000 + 0
            "cheap memory and dear cpu for memory, 40000,   0,  100, 8192,  91",
            // nothing asked costs nothing anywhere
            "zero request,                        40000,  5000,    0,    0, 100",
    })
    void cheaperForThisRequestScoresHigher(String name, long perVcpu, long perGiB, long cpu, long memory, int expected) {
        HostSnapshot dearest = Fleet.host("dearest").withPrice(new Price(40_000, 5_000));
        HostSnapshot host = Fleet.host("h1").withPrice(new Price(perVcpu, perGiB));

        int score = scorer.score(Fleet.request(new Resources(cpu, memory, 0)), host, FleetStats.of(List.of(dearest, host)));

        assertThat(score).isEqualTo(expected);
    }
}
