package dev.berth.broker.operations;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.DockerSocketProxy;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.model.Event;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.Operation;
import dev.berth.sdk.model.OperationStatus;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: operation claims are short leases renewed by a heartbeat, fenced by a claim token,
 * and limited in attempts. Engine calls are made to last as long as a test needs by holding a
 * {@link DockerSocketProxy} in front of the real engine.
 */
@QuarkusTest
@TestProfile(ShortLeases.class)
class OperationLeaseTest {

    private final Api alice = Api.as("alice");

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        Api.setQuota("acme", "4", 2048, 10, 10);
    }

    /**
     * The lease was never renewed, so an operation longer than the lease (an AWS wait, an image
     * pull) was claimed again — by this very replica — and ran twice at once.
     */
    @Test
    void anOperationLongerThanItsLeaseKeepsItsClaimAndRunsOnce() throws Exception {
        try (DockerSocketProxy engine = new DockerSocketProxy()) {
            register(engine);
            engine.hold();
            WorkloadOperation accepted = alice.workloads().createWorkload(Api.sleeper("slow", "0.2", 32), null);
            UUID op = accepted.getOperation().getId();
            awaitClaimed(op);
            String token = claimToken(op);

            Await.until("three leases to pass while the engine call hangs", Duration.ofSeconds(60),
                    () -> TestDatabase.longValue("SELECT count(*) FROM operation WHERE id = '" + op
                            + "' AND started_at < now() - make_interval(secs => " + 3 * ShortLeases.LEASE_SECONDS + ")") == 1);
            assertThat(TestDatabase.longValue("SELECT attempts FROM operation WHERE id = '" + op + "'"))
                    .as("claimed once: the heartbeat renewed the lease").isEqualTo(1);
            assertThat(claimToken(op)).isEqualTo(token);
            assertThat(TestDatabase.longValue("SELECT count(*) FROM operation WHERE id = '" + op
                    + "' AND status = 'RUNNING' AND lease_until > now()")).isEqualTo(1);

            engine.release();
            UUID id = accepted.getWorkload().getId();
            alice.awaitStatus(id, WorkloadStatus.RUNNING);
            Operation done = alice.operations().getOperation(op);
            assertThat(done.getStatus()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(done.getAttempts()).isEqualTo(1);
            assertThat(statusEvents(id, "PROVISIONING")).as("provisioned once").isEqualTo(1);
            assertThat(DockerCli.containersOfTenant("acme")).containsOnlyOnce("berth-" + id);
        }
    }

    /**
     * Fencing: a holder whose claim was taken over (it stalled past its lease) records nothing;
     * the replica holding the claim now finishes the operation.
     */
    @Test
    void aHolderWhoseClaimWasTakenOverRecordsNothing() throws Exception {
        try (DockerSocketProxy engine = new DockerSocketProxy()) {
            register(engine);
            engine.hold();
            WorkloadOperation accepted = alice.workloads().createWorkload(Api.sleeper("fenced", "0.2", 32), null);
            UUID op = accepted.getOperation().getId();
            UUID id = accepted.getWorkload().getId();
            awaitClaimed(op);
            // what another replica's claim looks like after this one's lease lapsed
            TestDatabase.execute("UPDATE operation SET claim_token = gen_random_uuid(), claimed_by = 'another replica', "
                    + "lease_until = now() + interval '1 hour' WHERE id = '" + op + "'");

            engine.release();
            Await.until("the first holder's container to run", Duration.ofSeconds(60), () -> {
                var c = DockerCli.inspect("berth-" + id);
                return c != null && c.path("State").path("Running").asBoolean();
            });
            // the other replica "dies": its claim lapses a little later and this replica takes it over
            TestDatabase.execute("UPDATE operation SET lease_until = now() + interval '2 seconds' WHERE id = '" + op + "'");
            alice.awaitStatus(id, WorkloadStatus.RUNNING);

            Operation done = alice.operations().getOperation(op);
            assertThat(done.getStatus()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(done.getAttempts()).as("finished under the second claim, not the fenced first one").isEqualTo(2);
            assertThat(statusEvents(id, "RUNNING")).isEqualTo(1);
            assertThat(DockerCli.containersOfTenant("acme")).containsOnlyOnce("berth-" + id);
        }
    }

    /**
     * An unexpected error escaping the executor left the operation to be re-claimed every lease
     * period with no attempt limit. Now the crash requeues it with backoff, each claim counts,
     * and after {@code max-attempts} (2 in tests) it is given up: the create fails and releases
     * its quota and capacity, and nothing is left on the engine.
     */
    @Test
    void anAttemptThatCrashesIsRetriedThenGivenUpAndReleasesItsQuota() throws Exception {
        Host host = Api.registerLocalDocker("local-docker", null);
        // A database fault: the outcome of the first two claims of this create cannot be recorded,
        // so both the success and the failure transaction of those attempts throw.
        TestDatabase.execute("""
                CREATE OR REPLACE FUNCTION berth_test_outcome_fault() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.status IN ('SUCCEEDED', 'FAILED') AND NEW.attempts <= 2
                       AND NEW.workload_id IN (SELECT id FROM workload WHERE name = 'crashy') THEN
                        RAISE EXCEPTION 'injected outcome fault';
                    END IF;
                    RETURN NEW;
                END $$""");
        TestDatabase.execute("CREATE TRIGGER berth_test_outcome_fault BEFORE UPDATE ON operation "
                + "FOR EACH ROW EXECUTE FUNCTION berth_test_outcome_fault()");
        try {
            WorkloadOperation accepted = alice.workloads().createWorkload(Api.sleeper("crashy", "0.5", 64), null);
            UUID id = accepted.getWorkload().getId();

            Workload failed = alice.awaitStatus(id, WorkloadStatus.FAILED);
            assertThat(failed.getStatusReason()).contains("Gave up after 2 attempts");
            Operation op = alice.operations().getOperation(accepted.getOperation().getId());
            assertThat(op.getStatus()).isEqualTo(OperationStatus.FAILED);
            assertThat(op.getAttempts()).as("two crashed attempts, then the give-up claim").isEqualTo(3);
            assertThat(op.getError().getCode()).isEqualTo("internal");

            assertThat(alice.quota().getQuota().getUsage().getInstances()).isZero();
            Host after = Api.as("admin").hosts().getHost(host.getId());
            assertThat(after.getInstances()).isZero();
            assertThat(after.getAllocated().getVcpu()).isEqualByComparingTo("0");
            assertThat(DockerCli.inspect("berth-" + id)).as("no orphan container").isNull();
        } finally {
            TestDatabase.execute("DROP TRIGGER IF EXISTS berth_test_outcome_fault ON operation");
            TestDatabase.execute("DROP FUNCTION IF EXISTS berth_test_outcome_fault()");
        }
    }

    /**
     * FAILED could overwrite DELETING: a create that failed after its workload's delete was
     * accepted left the workload FAILED and the tenant's delete refused as "no longer applies".
     */
    @Test
    void aCreateThatFailsAfterItsDeleteWasAcceptedEndsDeleted() throws Exception {
        try (DockerSocketProxy engine = new DockerSocketProxy()) {
            Host host = register(engine);
            engine.hold();
            WorkloadOperation accepted = alice.workloads().createWorkload(
                    Api.sleeper("doomed", "0.2", 32).image("berth-demo/not-built-here:1")
                        .imagePullPolicy(dev.berth.sdk.model.ImagePullPolicy.NEVER), null);
            UUID id = accepted.getWorkload().getId();
            awaitClaimed(accepted.getOperation().getId());
            alice.workloads().deleteWorkload(id, null);
            assertThat(alice.workloads().getWorkload(id).getStatus()).isEqualTo(WorkloadStatus.DELETING);

            engine.release();
            alice.awaitStatus(id, WorkloadStatus.DELETED);
            assertThat(alice.operations().getOperation(accepted.getOperation().getId()).getError().getCode())
                    .isEqualTo("provider.failed");
            List<Event> events = alice.workloads().listWorkloadEvents(id, 200, null, null, null, null).getItems();
            assertThat(events).noneMatch(e -> e.getType().equals("workload.status_changed")
                    && "FAILED".equals(e.getMessage()));
            assertThat(alice.quota().getQuota().getUsage().getInstances()).isZero();
            assertThat(Api.as("admin").hosts().getHost(host.getId()).getInstances()).isZero();
        }
    }

    private static Host register(DockerSocketProxy engine) throws Exception {
        Host host = Api.as("admin").hosts().registerHost(new HostCreate().name("proxied").driver(HostDriver.DOCKER)
                .endpoint(engine.endpoint()).capacity(new HostCapacity().vcpu(BigDecimal.ONE).memoryMiB(1024L)));
        assertThat(host.getHealth().getStatus().getValue()).as(host.getHealth().getDetail()).isEqualTo("HEALTHY");
        return host;
    }

    private static void awaitClaimed(UUID op) {
        Await.until("operation " + op + " to be claimed", Duration.ofSeconds(30),
                () -> TestDatabase.longValue("SELECT count(*) FROM operation WHERE id = '" + op + "' AND status = 'RUNNING'") == 1);
    }

    private static String claimToken(UUID op) {
        return TestDatabase.strings("SELECT claim_token::text FROM operation WHERE id = '" + op + "'").get(0);
    }

    private long statusEvents(UUID id, String status) throws Exception {
        return alice.workloads().listWorkloadEvents(id, 200, null, null, null, null).getItems().stream()
                .filter(e -> e.getType().equals("workload.status_changed") && status.equals(e.getMessage())).count();
    }
}
