package dev.berth.placement.plugins;

import dev.berth.placement.FilterResult;
import dev.berth.placement.Fleet;
import dev.berth.placement.FleetStats;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementRequest;
import dev.berth.placement.engine.FilterKernel;
import dev.berth.placement.engine.FleetIndex;
import dev.berth.placement.engine.HostSet;
import dev.berth.placement.engine.RejectionTally;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.provider.spi.Resources;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityFilterTest {

    private final CapacityFilter filter = new CapacityFilter();

    /** Columns: allocatable (milli-CPU, MiB, GiB), allocated (same), wanted (same), expected reason. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "pass", value = {
            "empty host,                         4000, 8192, 100,     0,    0,   0,  1000, 1024, 10, pass",
            "exactly the free room fits,         4000, 8192, 100,  3000, 7168,  90,  1000, 1024, 10, pass",
            "one milli-CPU more,                 4000, 8192, 100,  3000, 7168,  90,  1001, 1024, 10, insufficient_cpu",
            "one MiB more,                       4000, 8192, 100,  3000, 7168,  90,  1000, 1025, 10, insufficient_memory",
            "one GiB more,                       4000, 8192, 100,  3000, 7168,  90,  1000, 1024, 11, insufficient_disk",
            "zero-sized request on a full host,  4000, 8192, 100,  4000, 8192, 100,     0,    0,  0, pass",
            // overcommit: allocatable = capacity × ratio, so a 4-vCPU host at 4x offers 16000m
            "overcommitted cpu fits,            16000, 8192, 100, 12000,    0,   0,  4000, 1024, 10, pass",
            "overcommitted cpu exhausted,       16000, 8192, 100, 12001,    0,   0,  4000, 1024, 10, insufficient_cpu",
            // an admin lowered capacity below what is already allocated: free is 0, not negative
            "cpu allocated above allocatable,    2000, 8192, 100,  3000,    0,   0,     1,    0,  0, insufficient_cpu",
            "memory allocated above allocatable, 4000, 1024, 100,     0, 2048,   0,     0,    1,  0, insufficient_memory",
            "disk allocated above allocatable,   4000, 8192,  10,     0,    0,  20,     0,    0,  1, insufficient_disk",
            "over-allocated but zero request,   2000, 1024,  10,  3000, 2048,  20,     0,    0,  0, pass",
            // the first dimension that does not fit is the reason: cpu, then memory, then disk
            "everything short names cpu,         1000, 1024,  10,     0,    0,   0,  2000, 2048, 20, insufficient_cpu",
            "memory and disk short names memory, 4000, 1024,  10,     0,    0,   0,  1000, 2048, 20, insufficient_memory",
    })
    void keepsHostsWithRoomInEveryDimension(String name,
            long cpu, long mem, long disk, long usedCpu, long usedMem, long usedDisk,
            long wantCpu, long wantMem, long wantDisk, String reason) {
        HostSnapshot host = Fleet.host("h1", new Resources(cpu, mem, disk), new Resources(usedCpu, usedMem, usedDisk));

        FilterResult result = filter.filter(Fleet.request(new Resources(wantCpu, wantMem, wantDisk)), host, FleetStats.EMPTY);

        assertThat(result.passed()).isEqualTo(reason == null);
        assertThat(result.reason()).isEqualTo(reason);
    }

    /**
     * Columns: live workloads on the host, its instance limit (blank = none), wanted CPU,
     * expected reason. The host has room for the CPU otherwise (4000m, none used) unless the
     * request asks for more: the instance limit is checked first, so it is named even then.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = {"pass", "none"}, value = {
            "no limit,                       0,   none, 1000, pass",
            "no limit with many running,   500,   none, 1000, pass",
            "one below the limit,            1,      2, 1000, pass",
            "at the limit,                   2,      2, 1000, instances_exhausted",
            "above the limit,                3,      2, 1000, instances_exhausted",
            "limit of one and empty,          0,      1, 1000, pass",
            "limit of one and taken,          1,      1, 1000, instances_exhausted",
            "zero-sized request at the limit,2,      2,    0, instances_exhausted",
            "at the limit and short of cpu,  2,      2, 5000, instances_exhausted",
            "below the limit short of cpu,  1,      2, 5000, insufficient_cpu",
    })
    void keepsHostsUnderTheirInstanceLimit(String name, int instances, Integer limit, long wantCpu, String reason) {
        HostSnapshot host = Fleet.holding(Fleet.host("h1", Fleet.cpu(4000), Resources.ZERO), instances,
                limit == null ? HostSnapshot.NO_INSTANCE_LIMIT : limit);

        PlacementRequest request = Fleet.request(Fleet.cpu(wantCpu));
        FilterResult result = filter.filter(request, host, FleetStats.EMPTY);

        assertThat(result.passed()).isEqualTo(reason == null);
        assertThat(result.reason()).isEqualTo(reason);
        FleetIndex fleet = FleetIndex.of(java.util.List.of(host));
        FilterKernel kernel = filter.prepare(request, fleet.columns(), fleet.stats());
        assertThat(kernel.reject(0)).as("the columnar kernel").isEqualTo(reason);
        HostSet survivors = HostSet.all(1);
        RejectionTally tally = new RejectionTally();
        kernel.narrow(survivors, tally);
        assertThat(survivors.contains(0)).as("narrow").isEqualTo(reason == null);
    }

    @ParameterizedTest(name = "allocated {0}m of {1}m -> {2}m free")
    @CsvSource({
            "0,    4000, 4000",
            "3000, 4000, 1000",
            "4000, 4000, 0",
            "6000, 4000, 0",
    })
    void freeRoomIsNeverNegative(long allocated, long allocatable, long free) {
        HostSnapshot host = Fleet.host("h1", Fleet.cpu(allocatable), Fleet.cpu(allocated));

        assertThat(CapacityFilter.free(host)).isEqualTo(Fleet.cpu(free));
    }
}
