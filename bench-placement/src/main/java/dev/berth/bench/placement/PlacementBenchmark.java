package dev.berth.bench.placement;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import dev.berth.placement.engine.FleetIndex;
import dev.berth.placement.HostSnapshot;
import dev.berth.placement.PlacementConfig;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementPipeline;
import dev.berth.placement.PlacementRequest;

/**
 * One placement decision on a prepared snapshot, one thread: throughput (decisions/s) and
 * sampled latency (p50/p99/p99.9). The index is built once per snapshot, outside the
 * measurement; {@link #buildIndex} measures that cost on its own.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class PlacementBenchmark {

    @Param({"1000", "10000", "100000"})
    public int hosts;

    @Param({"FAST", "EXACT"})
    public PlacementConfig.Mode mode;

    private List<HostSnapshot> fleet;
    private FleetIndex index;
    private PlacementPipeline pipeline;
    private PlacementRequest[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        fleet = SyntheticFleet.hosts(hosts, 20_261_125L);
        index = FleetIndex.of(fleet);
        pipeline = new PlacementPipeline(PlacementConfig.defaults().withMode(mode), List.of());
        requests = SyntheticFleet.requests(4096, 7L);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public PlacementDecision decisionsPerSecond() {
        return decide();
    }

    /** Same work; JMH samples single calls, so the output carries p50 / p99 / p99.9 in µs. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PlacementDecision latency() {
        return decide();
    }

    private PlacementDecision decide() {
        PlacementRequest request = requests[next];
        next = (next + 1) & (requests.length - 1);
        return pipeline.place(request, index);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FleetIndex buildIndex() {
        return FleetIndex.of(fleet);
    }
}
