package dev.berth.broker.operations;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.BrokerProcess;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.DockerSocketProxy;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.QuotaLimits;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, fast takeover: broker replicas (separate JVMs from the packaged application) on one
 * database, one of them killed with {@code kill -9} in the middle of creates, or stopped
 * gracefully while it holds an operation. Short leases (3 s, renewed every second; in-flight
 * Idempotency-Keys the same) keep it quick.
 */
class OperationTakeoverIT {

    private static final int LEASE_SECONDS = 3;
    private static final Map<String, String> SHORT_LEASES = Map.of(
            "berth.worker.lease", LEASE_SECONDS + "S", "berth.worker.heartbeat", "1S",
            "berth.idempotency.in-flight-lease", LEASE_SECONDS + "S", "berth.idempotency.heartbeat", "1S",
            // a replica killed twice while holding one operation must not fail it in this test
            "berth.worker.max-attempts", "5");
    /** How many times the kill scenario runs: the issue asks for 5 locally; the suite runs it once. */
    private static final int KILL_RUNS = Integer.getInteger("berth.it.kill-runs", 1);
    private static final int CREATES = 20;

    private final List<BrokerProcess> started = new ArrayList<>();

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    @AfterEach
    void stopReplicas() throws Exception {
        for (BrokerProcess replica : started) {
            replica.close();
        }
        TestDatabase.reset();
    }

    /**
     * A replica stopped gracefully hands its claims back at once: the operation is runnable by
     * another replica right away, although its lease (60 s here) has far to run, and the hand-back
     * does not count as an attempt.
     */
    @Test
    void gracefulShutdownHandsClaimsBackAtOnce() throws Exception {
        int base = BrokerProcess.replicaPortBase();
        Map<String, String> longLease = Map.of("berth.worker.lease", "60S", "berth.worker.heartbeat", "1S");
        try (DockerSocketProxy engine = new DockerSocketProxy()) {
            BrokerProcess first = start(base, longLease);
            Api.at(first.baseUrl(), "admin").hosts().registerHost(new HostCreate().name("proxied").driver(HostDriver.DOCKER)
                    .endpoint(engine.endpoint()).capacity(new HostCapacity().vcpu(BigDecimal.ONE).memoryMiB(1024L)));
            setQuota(first);
            engine.hold();
            WorkloadOperation accepted = Api.at(first.baseUrl(), "alice").workloads()
                    .createWorkload(Api.sleeper("handed-back", "0.2", 32), null);
            UUID op = accepted.getOperation().getId();
            Await.until("the first replica to claim the create", Duration.ofSeconds(30), () -> TestDatabase.longValue(
                    "SELECT count(*) FROM operation WHERE id = '" + op + "' AND status = 'RUNNING' AND claimed_by LIKE '"
                            + first.pid() + "@%'") == 1);

            first.close();
            assertThat(TestDatabase.strings("SELECT status || ' ' || attempts || ' ' || (claim_token IS NULL) || ' ' "
                    + "|| (next_attempt_at <= now()) FROM operation WHERE id = '" + op + "'"))
                    .as("status, attempts, token cleared, runnable now").containsExactly("PENDING 0 true true");

            BrokerProcess second = start(base + 1, longLease);
            engine.release();
            UUID id = accepted.getWorkload().getId();
            Api.at(second.baseUrl(), "alice").awaitStatus(id, WorkloadStatus.RUNNING);
            assertThat(TestDatabase.longValue("SELECT attempts FROM operation WHERE id = '" + op + "'")).isEqualTo(1);
            assertThat(TestDatabase.strings("SELECT claimed_by FROM operation WHERE id = '" + op + "'").get(0))
                    .startsWith(second.pid() + "@");
            assertThat(DockerCli.containersOfTenant("acme")).containsOnlyOnce("berth-" + id);
        }
    }

    /**
     * Kill -9 a replica while it holds operations, in the middle of 20 creates spread over two
     * replicas. Clients whose request died retry on the survivor with the same Idempotency-Key.
     * Every accepted workload reaches RUNNING or FAILED within the lease plus a margin (no op
     * waits the old 120 s); the killed replica's operations are taken over; containers equal
     * RUNNING workloads one to one; usage equals live workloads.
     */
    @Test
    void killingAReplicaInTheMiddleOfTwentyCreatesLosesNothing() throws Exception {
        int base = BrokerProcess.replicaPortBase();
        BrokerProcess survivor = start(base, SHORT_LEASES);
        for (int run = 1; run <= KILL_RUNS; run++) {
            TestDatabase.reset();
            BrokerProcess victim = start(base + 1, SHORT_LEASES);
            killRun(run, survivor, victim);
        }
    }

    private void killRun(int run, BrokerProcess survivor, BrokerProcess victim) throws Exception {
        Api.at(survivor.baseUrl(), "admin").hosts().registerHost(new HostCreate().name("local-docker")
                .driver(HostDriver.DOCKER).endpoint("unix:///var/run/docker.sock"));
        setQuota(survivor);

        ExecutorService pool = Executors.newFixedThreadPool(CREATES);
        CyclicBarrier start = new CyclicBarrier(CREATES + 1);
        List<Future<UUID>> creates = new ArrayList<>();
        for (int i = 0; i < CREATES; i++) {
            BrokerProcess first = i % 2 == 0 ? survivor : victim;
            String name = "kill-" + run + "-" + i;
            creates.add(pool.submit((Callable<UUID>) () -> {
                start.await();
                return createRetryingOnTheSurvivor(name, first, survivor);
            }));
        }
        start.await();
        Await.until("the victim to hold an operation", Duration.ofSeconds(60), () -> TestDatabase.longValue(
                "SELECT count(*) FROM operation WHERE status = 'RUNNING' AND claimed_by LIKE '" + victim.pid() + "@%'") > 0);
        List<String> heldByVictim = TestDatabase.strings(
                "SELECT id::text FROM operation WHERE status = 'RUNNING' AND claimed_by LIKE '" + victim.pid() + "@%'");
        long killedAt = System.nanoTime();
        victim.kill();

        Set<UUID> accepted = new HashSet<>();
        for (Future<UUID> f : creates) {
            accepted.add(f.get());
        }
        pool.shutdown();
        assertThat(accepted).as("one workload per create, retries included").hasSize(CREATES);

        Await.until("every accepted workload to reach RUNNING or FAILED", Duration.ofSeconds(LEASE_SECONDS + 90),
                () -> TestDatabase.longValue("SELECT count(*) FROM workload WHERE status IN ('RUNNING', 'FAILED')") == CREATES
                        && TestDatabase.longValue("SELECT count(*) FROM operation WHERE status IN ('PENDING', 'RUNNING')") == 0);
        long settledMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();

        assertThat(TestDatabase.strings("SELECT id::text FROM workload").stream().map(UUID::fromString).toList())
                .as("no workload the clients were not told about").containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(TestDatabase.longValue("SELECT count(*) FROM operation WHERE id::text = ANY ('{"
                + String.join(",", heldByVictim) + "}') AND status IN ('SUCCEEDED', 'FAILED') AND claimed_by LIKE '"
                + survivor.pid() + "@%'")).as("the victim's operations were taken over").isEqualTo(heldByVictim.size());

        List<String> running = TestDatabase.strings("SELECT 'berth-' || id FROM workload WHERE status = 'RUNNING'");
        List<String> ours = TestDatabase.strings("SELECT 'berth-' || id FROM workload");
        List<String> onEngine = DockerCli.containersOfTenant("acme").stream().filter(ours::contains).toList();
        assertThat(onEngine).as("containers equal RUNNING workloads, one to one").containsExactlyInAnyOrderElementsOf(running);
        long live = TestDatabase.longValue("SELECT count(*) FROM workload WHERE holds_resources");
        assertThat(live).isEqualTo(running.size());
        assertThat(Api.at(survivor.baseUrl(), "alice").quota().getQuota().getUsage().getInstances()).isEqualTo(live);
        assertThat(TestDatabase.longValue("SELECT used_milli_cpu FROM tenant_quota WHERE tenant = 'acme'"))
                .isEqualTo(TestDatabase.longValue("SELECT coalesce(sum(milli_cpu), 0) FROM workload WHERE holds_resources"));
        assertThat(TestDatabase.longValue("SELECT coalesce(sum(allocated_instances), 0) FROM host")).isEqualTo(live);

        System.out.printf("kill run %d: victim held %d operations when killed; %d RUNNING, %d FAILED; "
                        + "all settled %d ms after the kill%n", run, heldByVictim.size(), running.size(),
                CREATES - running.size(), settledMillis);
    }

    /**
     * What a client does: send the create; if the replica died under it (no answer) or its key is
     * still held by the dead request, retry on the survivor with the same Idempotency-Key.
     */
    private static UUID createRetryingOnTheSurvivor(String name, BrokerProcess first, BrokerProcess survivor) {
        String key = "key-" + name;
        Api[] target = {Api.at(first.baseUrl(), "alice")};
        Api fallback = Api.at(survivor.baseUrl(), "alice");
        return Await.until("create " + name + " to be accepted", Duration.ofSeconds(90), () -> {
            try {
                return target[0].workloads().createWorkload(Api.sleeper(name, "0.1", 16), key).getWorkload().getId();
            } catch (ApiException e) {
                if (e.getCode() == 0 || e.getCode() >= 500 || "idempotency.in_flight".equals(BerthProblems.code(e))) {
                    target[0] = fallback;
                    return null;
                }
                throw new AssertionError("create " + name + " refused: HTTP " + e.getCode() + " " + e.getResponseBody(), e);
            }
        }, id -> id != null);
    }

    private BrokerProcess start(int port, Map<String, String> config) throws Exception {
        BrokerProcess replica = BrokerProcess.start(port, config);
        started.add(replica);
        return replica.awaitReady();
    }

    private static void setQuota(BrokerProcess replica) throws ApiException {
        Api.at(replica.baseUrl(), "admin").quotas().setTenantQuota("acme", new QuotaLimits().vcpu(new BigDecimal("8"))
                .memoryMiB(4096L).diskGiB(100L).instances(40));
    }
}
