package dev.berth.bench;

import dev.berth.policies.Decision;
import dev.berth.policies.PlacementEvaluation;
import dev.berth.policies.Policy;
import dev.berth.policies.PolicyEngine;
import dev.berth.policies.PolicyEngineConfig;
import dev.berth.policies.PolicySetReader;
import dev.berth.policies.context.EvaluationContext;
import dev.berth.policies.context.HostContext;
import dev.berth.policies.context.RequestContext;
import dev.berth.policies.context.TenantContext;
import dev.berth.policies.context.UsageContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the starter policy set: admission of one request, and the placement stage over a
 * fleet of 10,000 hosts with and without sharing results between hosts that look alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class PolicyEvaluationBench {

    @Param({"10000"})
    int hosts;

    private List<Policy> starter;
    private PolicyEngine shared;
    private PolicyEngine unshared;
    private EvaluationContext request;
    private List<HostContext> fleet;

    @Setup
    public void setUp() {
        starter = PolicySetReader.starterPolicies();
        shared = new PolicyEngine();
        unshared = new PolicyEngine(PolicyEngineConfig.defaults().withShareHostResults(false));
        request = new EvaluationContext(
                new RequestContext("api", "vm", "registry.berth.local/team/api:3", Map.of("team", "blue"),
                        new RequestContext.Resources(8, 16_384, 40),
                        new RequestContext.Placement("", "", "strong"), true),
                new TenantContext("globex", Map.of("residency", "eu", "tier", "large")),
                new UsageContext(12, 40, 81_920), Instant.parse("2026-01-15T10:00:00Z"));
        fleet = Fleet.of(hosts, 42);
    }

    /** The three admission-stage starter policies against one request. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Decision admissionStarterSet() {
        return shared.admit(request, starter);
    }

    /** Both placement-stage starter policies over the fleet, sharing results per host attribute set. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long placementFleetShared(Blackhole blackhole) {
        return judgeFleet(shared.placement(request, starter), blackhole);
    }

    /** The same, evaluating every rule on every host. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long placementFleetUnshared(Blackhole blackhole) {
        return judgeFleet(unshared.placement(request, starter), blackhole);
    }

    private long judgeFleet(PlacementEvaluation placement, Blackhole blackhole) {
        long eligible = 0;
        for (HostContext host : fleet) {
            Decision decision = placement.eligible(host);
            blackhole.consume(decision);
            if (decision.allowed()) {
                eligible++;
            }
        }
        return eligible + placement.evaluations();
    }
}
