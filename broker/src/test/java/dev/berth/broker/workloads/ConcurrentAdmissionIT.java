package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.BrokerProcess;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.QuotaLimits;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two broker replicas (separate JVMs) share one PostgreSQL and race each other. Quota and
 * host capacity must stay exact: never over-admitted, never overcommitted, and what is
 * admitted is what runs on the engine.
 */
class ConcurrentAdmissionIT {

    private static BrokerProcess replicaA;
    private static BrokerProcess replicaB;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        TestDatabase.reset();
        int base = BrokerProcess.replicaPortBase();
        replicaA = BrokerProcess.start(base);
        replicaB = BrokerProcess.start(base + 1);
        replicaA.awaitReady();
        replicaB.awaitReady();
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        TestDatabase.reset();
        if (replicaA != null) {
            replicaA.close();
        }
        if (replicaB != null) {
            replicaB.close();
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        TestDatabase.reset();
    }

    @Test
    void instanceQuotaOfTenAdmitsExactlyTenOfSixtyFourAcrossTwoReplicas() throws Exception {
        register("big", null);
        setQuota("64", 65536, 100, 10);
        List<Outcome> outcomes = race(64, i -> Api.sleeper("q-" + i, "0.05", 8));

        assertThat(outcomes.stream().filter(Outcome::admitted)).hasSize(10);
        assertThat(outcomes.stream().filter(o -> !o.admitted()))
                .hasSize(54)
                .allSatisfy(o -> assertThat(o.code()).isEqualTo("quota.exceeded"));
        assertUsageEqualsLiveWorkloadsEqualsContainers(outcomes);
    }

    @Test
    void cpuAndMemoryQuotaHoldWithRandomSizes() throws Exception {
        register("big", null);
        setQuota("2", 640, 100, 100);
        Random random = new Random(42);
        List<WorkloadCreate> requests = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            requests.add(Api.sleeper("r-" + i, "0." + (1 + random.nextInt(4)), 16 + 16L * random.nextInt(6)));
        }
        List<Outcome> outcomes = race(requests.size(), requests::get);

        long milliCpu = 0;
        long memory = 0;
        for (Outcome o : outcomes) {
            if (o.admitted()) {
                milliCpu += o.request().getResources().getVcpu().movePointRight(3).longValueExact();
                memory += o.request().getResources().getMemoryMiB();
            } else {
                assertThat(o.code()).as("refused create: %s", o.failure()).isEqualTo("quota.exceeded");
            }
        }
        assertThat(milliCpu).isLessThanOrEqualTo(2000);
        assertThat(memory).isLessThanOrEqualTo(640);
        assertThat(outcomes).anyMatch(o -> !o.admitted());
        assertThat(TestDatabase.longValue("SELECT used_milli_cpu FROM tenant_quota WHERE tenant = 'acme'")).isEqualTo(milliCpu);
        assertThat(TestDatabase.longValue("SELECT used_memory_mib FROM tenant_quota WHERE tenant = 'acme'")).isEqualTo(memory);
        assertUsageEqualsLiveWorkloadsEqualsContainers(outcomes);
    }

    @RepeatedTest(3)
    void lastSlotOfAHostGoesToOneReplicaAndTheOtherLandsElsewhere() throws Exception {
        Host small = register("small", new HostCapacity().vcpu(BigDecimal.ONE).memoryMiB(1024L));
        Host other = register("other", new HostCapacity().vcpu(BigDecimal.ONE).memoryMiB(1024L));
        setQuota("8", 8192, 100, 10);
        List<Outcome> outcomes = race(2, i -> Api.sleeper("slot-" + i, "0.6", 64));

        assertThat(outcomes).allMatch(Outcome::admitted);
        assertThat(outcomes.stream().map(o -> o.accepted().getWorkload().getHostId()).distinct())
                .containsExactlyInAnyOrder(small.getId(), other.getId());
        assertNoHostOvercommitted();
        assertUsageEqualsLiveWorkloadsEqualsContainers(outcomes);
    }

    @RepeatedTest(3)
    void lastSlotWithNowhereElseToGoFailsCleanlyForTheLoser() throws Exception {
        register("small", new HostCapacity().vcpu(BigDecimal.ONE).memoryMiB(1024L));
        setQuota("8", 8192, 100, 10);
        List<Outcome> outcomes = race(2, i -> Api.sleeper("slot-" + i, "0.6", 64));

        assertThat(outcomes.stream().filter(Outcome::admitted)).hasSize(1);
        Outcome loser = outcomes.stream().filter(o -> !o.admitted()).findFirst().orElseThrow();
        assertThat(loser.code()).isEqualTo("placement.no_fit");
        assertThat(loser.body()).contains("insufficient_cpu");
        assertNoHostOvercommitted();
        assertUsageEqualsLiveWorkloadsEqualsContainers(outcomes);
    }

    @Test
    void aMonthlyBudgetHoldsAcrossTwoReplicas() throws Exception {
        // 0.5 vCPU / 512 MiB at 0.10 per vCPU-hour and 0.02 per GiB-hour: 43.80 a month; 100 holds two
        Api.at(replicaA.baseUrl(), "admin").hosts().registerHost(new HostCreate().name("priced").driver(HostDriver.DOCKER)
                .endpoint("unix:///var/run/docker.sock")
                .pricing(new dev.berth.sdk.model.HostPricing().vcpuHour(new BigDecimal("0.10"))
                        .memoryGiBHour(new BigDecimal("0.02"))));
        Api.at(replicaB.baseUrl(), "admin").quotas().setTenantQuota("acme", new QuotaLimits().vcpu(new BigDecimal("64"))
                .memoryMiB(65536L).diskGiB(100L).instances(64).monthlyBudget(new BigDecimal("100")));
        List<Outcome> outcomes = race(16, i -> Api.sleeper("b-" + i, "0.5", 512));

        assertThat(outcomes.stream().filter(Outcome::admitted)).hasSize(2);
        assertThat(outcomes.stream().filter(o -> !o.admitted()))
                .allSatisfy(o -> assertThat(o.code()).as("refused create: %s", o.failure()).isEqualTo("quota.exceeded"));
        assertThat(TestDatabase.longValue("SELECT used_monthly_cost_micros FROM tenant_quota WHERE tenant = 'acme'"))
                .isEqualTo(87_600_000);
        assertUsageEqualsLiveWorkloadsEqualsContainers(outcomes);
    }

    record Outcome(WorkloadCreate request, WorkloadOperation accepted, String code, String body, String failure) {
        boolean admitted() {
            return accepted != null;
        }
    }

    interface Requests {
        WorkloadCreate get(int i);
    }

    /** All requests at once (a barrier), alternating between the two replicas, distinct idempotency keys. */
    private static List<Outcome> race(int n, Requests requests) throws Exception {
        Api[] replicas = {Api.at(replicaA.baseUrl(), "alice"), Api.at(replicaB.baseUrl(), "alice")};
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WorkloadCreate request = requests.get(i);
                Api api = replicas[i % 2];
                futures.add(pool.submit((Callable<Outcome>) () -> {
                    start.await();
                    try {
                        return new Outcome(request, api.workloads().createWorkload(request, UUID.randomUUID().toString()), null, null, null);
                    } catch (ApiException e) {
                        // HTTP status, body and cause: a refusal without a problem code must say what it was.
                        return new Outcome(request, null, BerthProblems.code(e), e.getResponseBody(),
                                "HTTP " + e.getCode() + " " + e.getResponseBody() + " " + e.getCause());
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    private static void assertUsageEqualsLiveWorkloadsEqualsContainers(List<Outcome> outcomes) throws Exception {
        Api alice = Api.at(replicaA.baseUrl(), "alice");
        List<UUID> admitted = outcomes.stream().filter(Outcome::admitted).map(o -> o.accepted().getWorkload().getId()).toList();
        for (UUID id : admitted) {
            alice.awaitStatus(id, WorkloadStatus.RUNNING);
        }
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isEqualTo(admitted.size());
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE status <> 'DELETED'")).isEqualTo(admitted.size());
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload WHERE holds_resources")).isEqualTo(admitted.size());
        assertThat(TestDatabase.longValue("SELECT coalesce(sum(allocated_instances), 0) FROM host")).isEqualTo(admitted.size());
        List<String> onEngine = DockerCli.containersOfTenant("acme");
        assertThat(onEngine).containsAll(admitted.stream().map(id -> "berth-" + id).toList());
        List<String> testContainers = TestDatabase.strings("SELECT 'berth-' || id FROM workload");
        assertThat(onEngine.stream().filter(testContainers::contains)).hasSize(admitted.size());
    }

    private static void assertNoHostOvercommitted() {
        assertThat(TestDatabase.longValue("SELECT count(*) FROM host WHERE allocated_milli_cpu > limit_milli_cpu "
                + "OR allocated_memory_mib > limit_memory_mib")).isZero();
    }

    private static Host register(String name, HostCapacity capacity) throws ApiException {
        return Api.at(replicaA.baseUrl(), "admin").hosts().registerHost(new HostCreate().name(name).driver(HostDriver.DOCKER)
                .endpoint("unix:///var/run/docker.sock").capacity(capacity));
    }

    private static void setQuota(String vcpu, long memoryMiB, long diskGiB, int instances) throws ApiException {
        Api.at(replicaB.baseUrl(), "admin").quotas().setTenantQuota("acme",
                new QuotaLimits().vcpu(new BigDecimal(vcpu)).memoryMiB(memoryMiB).diskGiB(diskGiB).instances(instances));
    }
}
