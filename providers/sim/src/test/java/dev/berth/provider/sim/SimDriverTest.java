package dev.berth.provider.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the simulated host adds to the contract: seeded failures, latency, out-of-band drift. */
class SimDriverTest {

    private final List<String> endpoints = new ArrayList<>();

    @AfterEach
    void forgetHosts() {
        endpoints.forEach(SimHosts::forget);
    }

    private ProviderDriver open(String name, Map<String, String> options) {
        String endpoint = "sim://driver-test/" + name;
        endpoints.add(endpoint);
        return new SimDriverFactory().open(new HostConnection("sim", endpoint, options));
    }

    private static WorkloadSpec spec(WorkloadKind kind, RestartPolicy restart) {
        return new WorkloadSpec(UUID.randomUUID(), "acme", "w", kind, dev.berth.provider.spi.ImageSource.RegistryImage.parse("img:1"), List.of(), Map.of(),
                new Resources(250, 32, 1), Map.of(), restart);
    }

    private static WorkloadSpec spec() {
        return spec(WorkloadKind.CONTAINER, RestartPolicy.NEVER);
    }

    /** What each of {@code calls} provisions did: OK, Transient or Permanent. */
    private static List<String> provisionOutcomes(ProviderDriver driver, int calls) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                driver.provision(spec());
                outcomes.add("OK");
            } catch (ProviderException e) {
                outcomes.add(e.getClass().getSimpleName());
            }
        }
        return outcomes;
    }

    @Test
    void theSameSeedFailsTheSameCalls() {
        Map<String, String> flaky = Map.of("transientFailureRate", "0.3", "permanentFailureRate", "0.2", "seed", "42");
        Map<String, String> otherSeed = new HashMap<>(flaky);
        otherSeed.put("seed", "43");

        List<String> first = provisionOutcomes(open("a", flaky), 2_000);
        List<String> second = provisionOutcomes(open("b", flaky), 2_000);
        List<String> third = provisionOutcomes(open("c", otherSeed), 2_000);

        assertThat(second).as("another host, same seed").isEqualTo(first);
        assertThat(third).as("another seed").isNotEqualTo(first);
        assertThat(first.stream().filter("Transient"::equals).count()).isBetween(540L, 660L);
        assertThat(first.stream().filter("Permanent"::equals).count()).isBetween(340L, 460L);
        assertThat(SimHosts.host("sim://driver-test/a").workloadIds()).as("only the successes left objects")
                .hasSize((int) first.stream().filter("OK"::equals).count());
    }

    @Test
    void aTransientFailureChangesNothingAndOnlyProvisionsFailPermanently() {
        ProviderDriver healthy = open("h", Map.of());
        WorkloadSpec spec = spec();
        healthy.provision(spec);
        // Same host, reopened with failures: the state is the host's, not the driver's.
        ProviderDriver permanent = open("h", Map.of("permanentFailureRate", "1"));
        ProviderDriver flaky = open("h", Map.of("transientFailureRate", "1"));

        permanent.stop(spec.workloadId(), Duration.ZERO);
        permanent.start(spec.workloadId());
        permanent.restart(spec.workloadId(), Duration.ZERO);
        assertThatThrownBy(() -> permanent.provision(spec())).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("simulated permanent failure");
        assertThatThrownBy(() -> flaky.stop(spec.workloadId(), Duration.ZERO)).isInstanceOf(ProviderException.Transient.class);
        assertThatThrownBy(() -> flaky.delete(spec.workloadId())).isInstanceOf(ProviderException.Transient.class);

        assertThat(healthy.describe(spec.workloadId())).map(ActualState::status).contains(Status.RUNNING);
        assertThat(healthy.list()).hasSize(1);
        permanent.delete(spec.workloadId());
        assertThat(healthy.list()).isEmpty();
    }

    @Test
    void aWorkloadIsTransitioningWhileItsProvisionWaits() throws Exception {
        ProviderDriver driver = open("slow", Map.of("provisionLatency", "fixed:3s"));
        WorkloadSpec spec = spec();

        CompletableFuture<ActualState> provisioned = CompletableFuture.supplyAsync(() -> driver.provision(spec));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> driver.describe(spec.workloadId()).map(ActualState::status), Optional.of(Status.TRANSITIONING)::equals);
        assertThat(provisioned.get().status()).isEqualTo(Status.RUNNING);
        assertThat(driver.describe(spec.workloadId())).map(ActualState::status).contains(Status.RUNNING);
    }

    /** A retry after a cut-short provision must not find a half-made workload stuck in TRANSITIONING. */
    @Test
    void anInterruptedCallIsUndone() throws Exception {
        ProviderDriver driver = open("interrupted", Map.of("provisionLatency", "60s", "stopLatency", "60s"));
        WorkloadSpec spec = spec();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                driver.provision(spec);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });

        caller.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.describe(spec.workloadId()).isPresent());
        caller.interrupt();

        assertThat(outcome.get()).isInstanceOf(ProviderException.Transient.class);
        assertThat(driver.describe(spec.workloadId())).as("nothing left behind").isEmpty();
        assertThat(driver.list()).isEmpty();
    }

    @ParameterizedTest(name = "{0}, exit {1} -> {2}")
    @CsvSource({
            "NEVER,      0,   STOPPED, 0",
            "NEVER,      1,   STOPPED, 0",
            "ON_FAILURE, 0,   STOPPED, 0",
            "ON_FAILURE, 137, RUNNING, 1",
            "ALWAYS,     0,   RUNNING, 1",
    })
    void anExitFollowsTheRestartPolicy(RestartPolicy policy, int code, Status after, int restarts) {
        ProviderDriver driver = open("exits", Map.of());
        WorkloadSpec spec = spec(WorkloadKind.CONTAINER, policy);
        driver.provision(spec);
        SimHost host = SimHosts.host("sim://driver-test/exits");

        host.exit(spec.workloadId(), code);

        ActualState state = driver.describe(spec.workloadId()).orElseThrow();
        assertThat(state.status()).isEqualTo(after);
        assertThat(state.detail()).contains(Integer.toString(code));
        assertThat(host.restarts(spec.workloadId())).isEqualTo(restarts);
    }

    @Test
    void outOfBandKillFailureAndRemovalShowInDescribeAndList() {
        ProviderDriver driver = open("drift", Map.of());
        WorkloadSpec killed = spec();
        WorkloadSpec failed = spec();
        WorkloadSpec removed = spec();
        List.of(killed, failed, removed).forEach(driver::provision);
        SimHost host = SimHosts.host("sim://driver-test/drift");

        host.kill(killed.workloadId());
        host.fail(failed.workloadId(), "disk gone");
        host.remove(removed.workloadId());

        assertThat(driver.describe(killed.workloadId()).orElseThrow())
                .satisfies(s -> assertThat(s.status()).isEqualTo(Status.STOPPED))
                .satisfies(s -> assertThat(s.detail()).isEqualTo("exited (137)"));
        assertThat(driver.describe(failed.workloadId()).orElseThrow())
                .satisfies(s -> assertThat(s.status()).isEqualTo(Status.FAILED))
                .satisfies(s -> assertThat(s.detail()).isEqualTo("disk gone"));
        assertThat(driver.describe(removed.workloadId())).isEmpty();
        assertThat(driver.list()).extracting(ActualState::workloadId)
                .containsExactlyInAnyOrder(killed.workloadId(), failed.workloadId());
        assertThatThrownBy(() -> host.exit(killed.workloadId(), 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> host.kill(removed.workloadId())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreachableHostAnswersNothingUntilItIsBack() {
        ProviderDriver driver = open("net", Map.of());
        WorkloadSpec spec = spec();
        driver.provision(spec);
        SimHost host = SimHosts.host("sim://driver-test/net");

        host.setReachable(false);

        assertThat(driver.probe().healthy()).isFalse();
        assertThatThrownBy(driver::list).isInstanceOf(ProviderException.Transient.class);
        assertThatThrownBy(() -> driver.describe(spec.workloadId())).isInstanceOf(ProviderException.Transient.class);
        assertThatThrownBy(() -> driver.provision(spec())).isInstanceOf(ProviderException.Transient.class);
        assertThatThrownBy(driver::inventory).isInstanceOf(ProviderException.Transient.class);

        host.setReachable(true);

        assertThat(driver.probe().healthy()).isTrue();
        assertThat(driver.describe(spec.workloadId())).map(ActualState::status).contains(Status.RUNNING);
    }

    @Test
    void workloadsOutliveTheirDriverUntilTheHostIsForgotten() {
        ProviderDriver first = open("keep", Map.of());
        WorkloadSpec spec = spec();
        ActualState made = first.provision(spec);
        first.close();

        ProviderDriver reopened = open("keep", Map.of("startLatency", "1ms"));
        assertThat(reopened.describe(spec.workloadId())).map(ActualState::handle).contains(made.handle());

        SimHosts.forget("sim://driver-test/keep");
        assertThat(reopened.describe(spec.workloadId())).as("a driver holds the host it opened").isPresent();
        assertThat(open("keep", Map.of()).list()).isEmpty();
    }

    @Test
    void inventoryAndKindsComeFromTheOptions() {
        ProviderDriver vmOnly = open("vms", Map.of("vcpu", "4", "memoryMiB", "8192", "diskGiB", "100", "kinds", "vm"));

        assertThat(vmOnly.inventory().capacity()).isEqualTo(new Resources(4_000, 8_192, 100));
        assertThat(vmOnly.inventory().supportedKinds()).containsExactly(WorkloadKind.VM);
        assertThatThrownBy(() -> vmOnly.provision(spec(WorkloadKind.CONTAINER, RestartPolicy.NEVER)))
                .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("CONTAINER");
        assertThat(vmOnly.provision(spec(WorkloadKind.VM, RestartPolicy.NEVER)).status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void snapshotsCanBeSwitchedOff() {
        assertThat(open("snap", Map.of())).isInstanceOf(SnapshotCapable.class);
        assertThat(open("nosnap", Map.of("snapshots", "false"))).isNotInstanceOf(SnapshotCapable.class);
    }
}
