package dev.berth.placement.plugins;

import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.placement.plugins.AllocationScorer.Strategy;
import dev.berth.provider.spi.Resources;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationScorerTest {

    /** Bin-pack = round(100 × mean of cpu and memory utilisation after placing); spread = 100 − that; disk is not scored. */
    @ParameterizedTest(name = "{0} -> bin-pack {7}, spread {8}")
    @CsvSource({
            "empty host and nothing asked,  4000, 8192,    0,    0,    0,    0,   0, 100",
            "empty host and small request,  4000, 8192,    0,    0, 1000, 2048,  25,  75",
            "half full after placing,        4000, 8192, 1000, 2048, 1000, 2048,  50,  50",
            "cpu full and memory empty,     4000, 8192, 3000,    0, 1000,    0,  50,  50",
            "exactly full after placing,     4000, 8192, 3000, 6144, 1000, 2048, 100,   0",
            // overcommit: allocatable already includes the ratio, so 16000m of a 4-vCPU host at 4x
            "overcommitted cpu half used,   16000, 8192, 7000,    0, 1000,    0,  25,  75",
            // over-allocated hosts are capped, never above 100 nor below 0
            "allocated above allocatable,    2000, 1024, 4000, 2048,    0,    0, 100,   0",
            // a zero-capacity dimension counts as full rather than dividing by zero
            "zero cpu capacity,                 0, 8192,    0,    0,    0,    0,  50,  50",
            "zero capacity everywhere,          0,    0,    0,    0,    0,    0, 100,   0",
    })
    void scoresUtilisationAfterPlacingWithTheStrategysSign(String name, long cpu, long mem, long usedCpu, long usedMem,
            long wantCpu, long wantMem, int binPack, int spread) {
        HostSnapshot host = Fleet.host("h1", new Resources(cpu, mem, 100), new Resources(usedCpu, usedMem, 0));
        PlacementRequest request = Fleet.request(new Resources(wantCpu, wantMem, 0));

        assertThat(new AllocationScorer(Strategy.BIN_PACK).score(request, host, FleetStats.EMPTY)).isEqualTo(binPack);
        assertThat(new AllocationScorer(Strategy.SPREAD).score(request, host, FleetStats.EMPTY)).isEqualTo(spread);
    }

    @Test
    void strategiesOrderHostsOppositeWays() {
        PlacementRequest request = Fleet.request(new Resources(500, 512, 0));
        HostSnapshot empty = Fleet.host("empty", Fleet.ROOMY, Resources.ZERO);
        HostSnapshot busy = Fleet.host("busy", Fleet.ROOMY, new Resources(2000, 4096, 0));
        AllocationScorer pack = new AllocationScorer(Strategy.BIN_PACK);
        AllocationScorer spread = new AllocationScorer(Strategy.SPREAD);

        assertThat(pack.score(request, busy, FleetStats.EMPTY)).isGreaterThan(pack.score(request, empty, FleetStats.EMPTY));
        assertThat(spread.score(request, empty, FleetStats.EMPTY)).isGreaterThan(spread.score(request, busy, FleetStats.EMPTY));
    }
}
