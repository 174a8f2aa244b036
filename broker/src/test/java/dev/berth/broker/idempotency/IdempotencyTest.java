package dev.berth.broker.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.berth.broker.db.Database;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.Resources;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.ApiResponse;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthProblems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Idempotency-Key semantics on mutations: replay, reuse, in-flight duplicates (held by a renewed
 * lease, freed when their request died), rejected requests.
 */
@QuarkusTest
class IdempotencyTest {

    @Inject
    IdempotencyKeys keys;

    @Inject
    Database db;

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "4", 2048, 10, 10);
    }

    @Test
    void fiveSequentialReplaysMakeOneWorkloadAndOneContainer() throws Exception {
        Api alice = Api.as("alice");
        String key = "create-" + UUID.randomUUID();
        List<ApiResponse<WorkloadOperation>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(alice.workloads().createWorkloadWithHttpInfo(Api.sleeper("once", "0.2", 32), key));
        }
        UUID id = answers.get(0).getData().getWorkload().getId();
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.getStatusCode()).isEqualTo(202);
            assertThat(a.getData().getWorkload().getId()).isEqualTo(id);
            assertThat(a.getData().getOperation().getId()).isEqualTo(answers.get(0).getData().getOperation().getId());
        });
        assertThat(answers.get(0).getHeaders()).doesNotContainKey("idempotent-replayed");
        assertThat(answers.get(4).getHeaders().get("idempotent-replayed")).containsExactly("true");

        alice.awaitStatus(id, WorkloadStatus.RUNNING);
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isEqualTo(1);
        assertThat(TestDatabase.longValue("SELECT count(*) FROM operation")).isEqualTo(1);
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isEqualTo(1);
        assertThat(DockerCli.inspect("berth-" + id)).isNotNull();
    }

    @Test
    void sameKeyWithAnotherBodyIsUnprocessable() throws Exception {
        Api alice = Api.as("alice");
        alice.workloads().createWorkload(Api.sleeper("first", "0.2", 32), "k-1");
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(Api.sleeper("second", "0.2", 32), "k-1"));
        assertThat(e.getCode()).isEqualTo(422);
        assertThat(BerthProblems.code(e)).isEqualTo("idempotency.key_reused");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheTenant() throws Exception {
        Api.setQuota("globex", "4", 2048, 10, 10);
        UUID acme = Api.as("alice").workloads().createWorkload(Api.sleeper("mine", "0.2", 32), "shared-key").getWorkload().getId();
        UUID globex = Api.as("bob").workloads().createWorkload(Api.sleeper("mine", "0.2", 32), "shared-key").getWorkload().getId();
        assertThat(globex).isNotEqualTo(acme);
    }

    @Test
    void duplicateWhileTheFirstIsStillInFlightIsConflict() {
        // The same request, claimed a moment ago by another request (or replica) that has not answered
        // yet and is still renewing its claim.
        TestDatabase.execute("INSERT INTO idempotency_key (tenant, key, request_hash, state, expires_at, claim_token, lease_until) "
                + "VALUES ('acme', 'busy-key', '" + sleeperFingerprint("dup") + "', 'IN_FLIGHT', now() + interval '1 hour', "
                + "gen_random_uuid(), now() + interval '1 hour')");
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> Api.as("alice").workloads().createWorkload(Api.sleeper("dup", "0.2", 32), "busy-key"));
        assertThat(e.getCode()).isEqualTo(409);
        assertThat(BerthProblems.code(e)).isEqualTo("idempotency.in_flight");
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isZero();
    }

    /**
     * Issue 20: a key claimed by a request that died (its replica was killed) answered
     * {@code 409 idempotency.in_flight} for about a minute. Its claim is now a lease that only a
     * live request renews, so the key frees when the lease lapses and the retry goes through.
     */
    @Test
    void aKeyLeftInFlightByARequestThatDiedFreesWhenItsLeaseLapses() throws Exception {
        // a request holding the key, its lease freshly renewed
        TestDatabase.execute("INSERT INTO idempotency_key (tenant, key, request_hash, state, expires_at, claim_token, lease_until) "
                + "VALUES ('acme', 'orphaned-key', '" + sleeperFingerprint("retried") + "', 'IN_FLIGHT', "
                + "now() + interval '1 hour', gen_random_uuid(), now() + interval '1 hour')");
        Api alice = Api.as("alice");
        ApiException busy = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(Api.sleeper("retried", "0.2", 32), "orphaned-key"));
        assertThat(busy).as("within its lease the claim may still be alive").isNotNull();
        assertThat(BerthProblems.code(busy)).isEqualTo("idempotency.in_flight");
        // its replica is killed: nobody renews the claim any more, and its last renewal runs out
        TestDatabase.execute("UPDATE idempotency_key SET lease_until = now() + interval '1 second' WHERE key = 'orphaned-key'");

        UUID id = Await.until("the orphaned key to free", Duration.ofSeconds(30), () -> {
            try {
                return alice.workloads().createWorkload(Api.sleeper("retried", "0.2", 32), "orphaned-key").getWorkload().getId();
            } catch (ApiException e) {
                assertThat(BerthProblems.code(e)).isEqualTo("idempotency.in_flight");
                return null;
            }
        }, found -> found != null);
        alice.awaitStatus(id, WorkloadStatus.RUNNING);
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isEqualTo(1);
        assertThat(TestDatabase.strings("SELECT state FROM idempotency_key WHERE key = 'orphaned-key'")).containsExactly("DONE");
    }

    /** A request still running keeps its key past the lease: this replica's heartbeat renews it. */
    @Test
    void aRequestStillRunningKeepsItsKeyPastTheLease() {
        KeyClaim.Held held = (KeyClaim.Held) keys.claim("acme", "long-request", "fingerprint-1");
        try {
            TestDatabase.execute("UPDATE idempotency_key SET lease_until = now() + interval '1 second' WHERE key = 'long-request'");
            Await.until("the heartbeat to renew the claim", Duration.ofSeconds(30), () -> TestDatabase.longValue(
                    "SELECT count(*) FROM idempotency_key WHERE key = 'long-request' AND lease_until > now() + interval '2 seconds'") == 1);
            IdempotencyProblems.InFlight refused = catchThrowableOfType(IdempotencyProblems.InFlight.class,
                    () -> keys.claim("acme", "long-request", "fingerprint-1"));
            assertThat(refused).as("a live claim is not taken over").isNotNull();
        } finally {
            keys.release(held);
            keys.done(held);
        }
    }

    /**
     * Fencing: a request that stalled past its lease and lost its key to a retry cannot record
     * an answer — its mutation rolls back, so one key makes one mutation.
     */
    @Test
    void aRequestThatLostItsKeyCannotRecordItsAnswer() {
        KeyClaim.Held stalled = (KeyClaim.Held) keys.claim("acme", "stalled-key", "fingerprint-2");
        keys.done(stalled);
        TestDatabase.execute("UPDATE idempotency_key SET lease_until = now() - interval '1 second' WHERE key = 'stalled-key'");
        KeyClaim.Held retry = (KeyClaim.Held) keys.claim("acme", "stalled-key", "fingerprint-2");
        try {
            StoredResponse answer = new StoredResponse(202, "{}", null);
            IdempotencyProblems.InFlight lost = catchThrowableOfType(IdempotencyProblems.InFlight.class,
                    () -> db.transaction(c -> {
                        keys.complete(c, stalled, answer);
                        return null;
                    }));
            assertThat(lost).isNotNull();
            db.transaction(c -> {
                keys.complete(c, retry, answer);
                return null;
            });
            assertThat(TestDatabase.strings("SELECT state FROM idempotency_key WHERE key = 'stalled-key'")).containsExactly("DONE");
        } finally {
            keys.done(retry);
        }
    }

    private static String sleeperFingerprint(String name) {
        return IdempotencyKeys.fingerprint("createWorkload", "", new dev.berth.api.model.WorkloadCreate()
                .name(name).kind(dev.berth.api.model.WorkloadKind.CONTAINER).image(Api.IMAGE).command(List.of("sleep", "3600"))
                .resources(new dev.berth.api.model.ResourceRequest().vcpu(new java.math.BigDecimal("0.2")).memoryMiB(32L)));
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneWorkload() throws Exception {
        String token = Tokens.user("alice");
        String body = """
                {"name":"racer","kind":"container","image":"berth-demo/busybox:1","command":["sleep","600"],
                 "resources":{"vcpu":0.2,"memoryMiB":32}}""";
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit((Callable<Response>) () -> {
                start.await();
                return given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", "race-key")
                        .body(body).post("/v1/workloads");
            }));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> f : futures) {
            responses.add(f.get());
        }
        pool.shutdown();
        long originals = responses.stream().filter(r -> r.statusCode() == 202 && r.header("Idempotent-Replayed") == null).count();
        assertThat(originals).isEqualTo(1);
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isIn(202, 409);
            if (r.statusCode() == 409) {
                assertThat(r.jsonPath().getString("code")).isEqualTo("idempotency.in_flight");
            }
        });
        assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isEqualTo(1);
    }

    @Test
    void rejectedRequestReleasesItsKey() throws Exception {
        Api.setQuota("acme", "4", 2048, 10, 0);
        Api alice = Api.as("alice");
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> alice.workloads().createWorkload(Api.sleeper("later", "0.2", 32), "retry-me"));
        assertThat(BerthProblems.code(e)).isEqualTo("quota.exceeded");
        Api.setQuota("acme", "4", 2048, 10, 1);
        assertThat(alice.workloads().createWorkload(Api.sleeper("later", "0.2", 32), "retry-me").getWorkload().getName())
                .isEqualTo("later");
    }

    @Test
    void mutationsOtherThanCreateAreIdempotentToo() throws Exception {
        Api alice = Api.as("alice");
        UUID id = alice.workloads().createWorkload(Api.sleeper("stopper", "0.2", 32), null).getWorkload().getId();
        alice.awaitStatus(id, WorkloadStatus.RUNNING);
        UUID first = alice.workloads().stopWorkload(id, "stop-1").getOperation().getId();
        UUID second = alice.workloads().stopWorkload(id, "stop-1").getOperation().getId();
        assertThat(second).isEqualTo(first);
        assertThat(TestDatabase.longValue("SELECT count(*) FROM operation WHERE type = 'STOP'")).isEqualTo(1);
    }

    @Test
    void grpcHonoursTheIdempotencyKeyMetadata() throws Exception {
        try (GrpcCalls grpc = new GrpcCalls()) {
            String token = Tokens.user("alice");
            CreateWorkloadRequest request = CreateWorkloadRequest.newBuilder().setName("grpc-once").setKind("container")
                    .setImage("berth-demo/busybox:1").addCommand("sleep").addCommand("600")
                    .setResources(Resources.newBuilder().setMilliCpu(200).setMemoryMib(32)).build();
            String a = grpc.workloads(token, "g-key").createWorkload(request).getWorkload().getId();
            String b = grpc.workloads(token, "g-key").createWorkload(request).getWorkload().getId();
            assertThat(b).isEqualTo(a);
            assertThat(TestDatabase.longValue("SELECT count(*) FROM workload")).isEqualTo(1);
        }
    }
}
