package dev.berth.broker.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.provider.spi.Resources;

import static org.assertj.core.api.Assertions.assertThat;

class BinPackScorerTest {

    private final BinPackScorer scorer = new BinPackScorer();

    /** Score = round(100 × mean of cpu and memory utilisation after placing the request); disk is not scored. */
    @ParameterizedTest(name = "{0} -> {7}")
    @CsvSource({
            "empty host and nothing asked,  4000, 8192,    0,    0,    0,    0,   0",
            "empty host and small request,  4000, 8192,    0,    0, 1000, 2048,  25",
            "half full after placing,        4000, 8192, 1000, 2048, 1000, 2048,  50",
            "cpu full and memory empty,     4000, 8192, 3000,    0, 1000,    0,  50",
            "full after placing,             4000, 8192, 3000, 6144, 1000, 2048, 100",
            // over-allocated hosts are capped, never above 100
            "allocated above allocatable,    2000, 1024, 4000, 2048,    0,    0, 100",
            // a zero-capacity dimension counts as full rather than dividing by zero
            "zero cpu capacity,                 0, 8192,    0,    0,    0,    0,  50",
            "zero memory capacity,           4000,    0,    0,    0,    0,    0,  50",
            "zero capacity everywhere,          0,    0,    0,    0,    0,    0, 100",
    })
    void scoresUtilisationAfterPlacing(String name, long cpu, long mem, long usedCpu, long usedMem,
            long wantCpu, long wantMem, int expected) {
        HostSnapshot host = Fleet.host("h1", new Resources(cpu, mem, 100), new Resources(usedCpu, usedMem, 0));

        int score = scorer.score(Fleet.request(new Resources(wantCpu, wantMem, 0)), host);

        assertThat(score).isBetween(0, 100).isEqualTo(expected);
    }

    @Test
    void fullerHostScoresHigher() {
        PlacementRequest request = Fleet.request(new Resources(500, 512, 0));
        HostSnapshot empty = Fleet.host("empty", Fleet.ROOMY, Resources.ZERO);
        HostSnapshot busy = Fleet.host("busy", Fleet.ROOMY, new Resources(2000, 4096, 0));

        assertThat(scorer.score(request, busy)).isGreaterThan(scorer.score(request, empty));
    }
}
