package dev.berth.broker.hosts;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.provider.sim.SimHost;
import dev.berth.provider.sim.SimHosts;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.HostHealth;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Simulated hosts in a broker that enables them: registered like any host, placed on at the
 * scale of a large fleet, driven through a workload's life. The fleet is removed afterwards,
 * so the tests that follow see an empty host table.
 */
@QuarkusTest
@TestProfile(SimHostsEnabled.class)
class SimFleetTest {

    private static final int FLEET = 10_000;

    @BeforeEach
    @AfterEach
    void reset() {
        TestDatabase.reset();
        SimHosts.forgetAll();
    }

    private static HostCreate simHost(String name, Map<String, String> options) {
        return new HostCreate().name(name).driver(HostDriver.SIM).endpoint("sim://fleet/" + name).options(options)
                .labels(Map.of("zone", "sim"));
    }

    @Test
    void registeringASimHostReadsItsCapacityAndKindsFromItsOptions() throws ApiException {
        Host host = Api.as("admin").hosts().registerHost(simHost("sim-1",
                Map.of("vcpu", "8", "memoryMiB", "16384", "diskGiB", "200", "kinds", "container",
                        "provisionLatency", "lognormal:median=40ms,p99=400ms", "transientFailureRate", "0.01")));

        assertThat(host.getDriver()).isEqualTo(HostDriver.SIM);
        assertThat(host.getCapacity().getVcpu()).isEqualByComparingTo("8");
        assertThat(host.getCapacity().getMemoryMiB()).isEqualTo(16_384);
        assertThat(host.getCapacity().getDiskGiB()).isEqualTo(200);
        assertThat(host.getSupportedKinds()).containsExactly(WorkloadKind.CONTAINER);
        assertThat(host.getHealth().getStatus()).isEqualTo(HostHealth.StatusEnum.HEALTHY);
        assertThat(host.getVersion()).isEqualTo("berth-sim/1");
    }

    /** A typo in a simulated host's behaviour fails registration instead of silently changing a benchmark. */
    @Test
    void badSimOptionsOrEndpointAreInvalidAndNothingIsStored() {
        for (HostCreate bad : new HostCreate[] {
                simHost("sim-typo", Map.of("provisionLatancy", "5ms")),
                simHost("sim-latency", Map.of("provisionLatency", "soon")),
                simHost("sim-rate", Map.of("transientFailureRate", "2")),
                simHost("sim-endpoint", Map.of()).endpoint("tcp://127.0.0.1:2375")}) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> Api.as("admin").hosts().registerHost(bad));

            assertThat(e.getCode()).as(bad.getName()).isEqualTo(400);
            assertThat(BerthProblems.code(e)).as(bad.getName()).isEqualTo("request.invalid");
        }
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host")).isZero();
    }

    /**
     * Ten thousand hosts: one registered through the API, copied in SQL (registering them one
     * request at a time would only measure the admin API). The registered one is cordoned, so the
     * workload must land on one of the copies, which placement reads like any other host row.
     */
    @Test
    void aWorkloadIsPlacedAmongTenThousandSimHostsAndRunsOnOne() throws ApiException {
        Api admin = Api.as("admin");
        Host template = admin.hosts().registerHost(simHost("sim-template", Map.of("vcpu", "4", "memoryMiB", "8192")));
        TestDatabase.execute("""
                INSERT INTO host (id, name, driver, endpoint, options, labels, supported_kinds, engine_version,
                                  capacity_milli_cpu, capacity_memory_mib, capacity_disk_gib,
                                  cpu_overcommit, memory_overcommit, disk_overcommit,
                                  provider_class, price_vcpu_hour, price_memory_gib_hour,
                                  health, health_detail, health_checked_at)
                SELECT gen_random_uuid(), 'sim-' || n, t.driver, 'sim://fleet/sim-' || n, t.options, t.labels,
                       t.supported_kinds, t.engine_version, t.capacity_milli_cpu, t.capacity_memory_mib, t.capacity_disk_gib,
                       t.cpu_overcommit, t.memory_overcommit, t.disk_overcommit,
                       t.provider_class, t.price_vcpu_hour, t.price_memory_gib_hour,
                       t.health, t.health_detail, t.health_checked_at
                FROM host t, generate_series(1, %d) n
                WHERE t.name = 'sim-template'
                """.formatted(FLEET));
        admin.hosts().cordonHost(template.getId());
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host WHERE driver = 'sim' AND NOT cordoned")).isEqualTo(FLEET);
        Api.setQuota("acme", "2", 1024, 10, 5);
        Api alice = Api.as("alice");

        UUID id = alice.workloads().createWorkload(Api.sleeper("on-sim", "0.5", 256), null).getWorkload().getId();
        Workload running = alice.awaitStatus(id, WorkloadStatus.RUNNING);

        assertThat(running.getHostId()).isNotNull().isNotEqualTo(template.getId());
        Host placed = admin.hosts().getHost(running.getHostId());
        assertThat(placed.getDriver()).isEqualTo(HostDriver.SIM);
        assertThat(placed.getAllocated().getVcpu()).isEqualByComparingTo(new BigDecimal("0.5"));
        SimHost simulated = SimHosts.host(placed.getEndpoint());
        assertThat(simulated.workloadIds()).as("the workload exists on the simulated host it was placed on").containsExactly(id);

        alice.workloads().deleteWorkload(id, null);
        alice.awaitStatus(id, WorkloadStatus.DELETED);

        assertThat(simulated.workloadIds()).isEmpty();
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isZero();
    }
}
