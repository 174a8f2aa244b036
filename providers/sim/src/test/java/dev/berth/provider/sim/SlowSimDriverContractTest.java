package dev.berth.provider.sim;

import java.util.Map;

/**
 * The provider contract again, on a simulated host whose calls take time (every
 * distribution in use), so the contract holds while workloads are seen mid-call
 * ({@code TRANSITIONING}) and concurrent calls overlap.
 */
class SlowSimDriverContractTest extends SimDriverContractTest {

    @Override
    protected String endpoint() {
        return "sim://tck-slow";
    }

    @Override
    protected Map<String, String> behaviour() {
        return Map.of(
                "provisionLatency", "lognormal:median=20ms,p99=80ms",
                "startLatency", "uniform:5ms..30ms",
                "stopLatency", "fixed:10ms",
                "deleteLatency", "15ms",
                "snapshotLatency", "uniform:1ms..10ms",
                "seed", "7");
    }
}
