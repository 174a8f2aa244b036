package dev.berth.broker.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.DockerCli;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Event;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.Quota;
import dev.berth.sdk.model.ReconcileFindingKind;
import dev.berth.sdk.model.ReconcilePass;
import dev.berth.sdk.model.RestartPolicy;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadStatus;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler against the real Docker engine: things done behind Berth's back with the
 * docker CLI, then a pass run through the admin API (the test profile runs no periodic
 * passes, so every pass here is one the test asked for). Restart backoff 500 ms doubling to
 * 2 s, crash loop after 3 restarts, orphan grace 2 s (application.properties, %test).
 */
@QuarkusTest
class ReconcilerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Host host;
    private Api alice;
    private Api admin;
    private final List<String> handMade = new java.util.ArrayList<>();

    @BeforeEach
    void fleet() {
        TestDatabase.reset();
        host = Api.registerLocalDocker("reconciled-docker", null);
        Api.setQuota("acme", "4", 4096, 10, 10);
        alice = Api.as("alice");
        admin = Api.as("admin");
    }

    @AfterEach
    void removeHandMadeContainers() {
        DockerCli.removeContainers(handMade);
    }

    @Test
    void containerRemovedOutOfBandIsLostThenRunsAgainWithANewContainerAndTheSameIdAndQuota() throws Exception {
        Workload created = alice.workloads().createWorkload(Api.sleeper("web", "0.5", 64)
                .restartPolicy(RestartPolicy.ALWAYS), null).getWorkload();
        Workload running = alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        Quota before = alice.quota().getQuota();

        DockerCli.removeContainer("berth-" + created.getId());
        ReconcilePass pass = reconcile();

        assertThat(pass.getFindings()).containsEntry(ReconcileFindingKind.LOST.getValue(), 1);
        assertThat(io.restassured.RestAssured.get(dev.berth.broker.testsupport.BrokerUnderTest.managementUrl() + "/q/metrics")
                .asString()).containsPattern("berth_reconcile_findings_total\\{kind=\"lost\"[^}]*} [1-9]");
        assertThat(alice.quota().getQuota().getUsage()).as("a lost workload keeps its quota").isEqualTo(before.getUsage());
        Workload again = alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);
        assertThat(again.getProviderHandle()).isNotBlank().isNotEqualTo(running.getProviderHandle());
        assertThat(DockerCli.inspect("berth-" + created.getId()).at("/State/Running").asBoolean()).isTrue();
        assertThat(again.getRestartCount()).isEqualTo(1);
        assertThat(alice.quota().getQuota().getUsage()).isEqualTo(before.getUsage());
        List<Event> events = events(created.getId());
        assertThat(events).filteredOn(e -> e.getType().equals("reconcile.lost")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("berth-" + created.getId(), "is gone from host "
                        + host.getName(), "re-provisioned"));
        assertThat(events).filteredOn(e -> e.getType().equals("workload.status_changed"))
                .extracting(Event::getMessage).containsSubsequence("RUNNING", "LOST", "PROVISIONING", "RUNNING");
    }

    @Test
    void lostWorkloadWithRestartPolicyNeverStaysLostKeepingItsQuotaUntilTheTenantDeletesIt() throws Exception {
        Workload created = alice.workloads().createWorkload(Api.sleeper("kept", "0.5", 64), null).getWorkload();
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);

        DockerCli.removeContainer("berth-" + created.getId());
        reconcile();
        reconcile();

        Workload lost = alice.workloads().getWorkload(created.getId());
        assertThat(lost.getStatus()).isEqualTo(WorkloadStatus.LOST);
        assertThat(lost.getStatusReason()).contains("restart policy never");
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isEqualTo(1);
        assertThat(events(created.getId())).filteredOn(e -> e.getType().equals("reconcile.lost")).hasSize(1);

        alice.workloads().deleteWorkload(created.getId(), null);
        alice.awaitStatus(created.getId(), WorkloadStatus.DELETED);
        assertThat(alice.quota().getQuota().getUsage().getInstances()).isZero();
    }

    @Test
    void failingContainerIsRestartedWithGrowingDelaysThenCrashLoops() throws Exception {
        Workload created = alice.workloads().createWorkload(Api.sleeper("flaky", "0.25", 32)
                .command(List.of("sh", "-c", "sleep 0.2; exit 3")).restartPolicy(RestartPolicy.ON_FAILURE), null)
                .getWorkload();

        Workload looping = Await.until("workload to crash-loop", PATIENCE, () -> {
            reconcile();
            return get(created.getId());
        }, w -> w.getStatus() == WorkloadStatus.CRASH_LOOP);

        assertThat(looping.getRestartCount()).isEqualTo(3);
        assertThat(looping.getLastExitCode()).isEqualTo(3);
        assertThat(looping.getObserved().getExitCode()).isEqualTo(3);
        assertThat(looping.getObserved().getPhase()).isEqualTo("exited");
        List<Event> events = events(created.getId());
        assertThat(events).filteredOn(e -> e.getType().equals("reconcile.exited"))
                .extracting(e -> ((Number) ((Map<?, ?>) e.getData()).get("delayMillis")).longValue())
                .as("restart delays double").containsExactly(500L, 1000L, 2000L);
        assertThat(events).filteredOn(e -> e.getType().equals("reconcile.crash_loop")).hasSize(1);
        assertThat(alice.quota().getQuota().getUsage().getInstances()).as("a crash-looping workload keeps its quota")
                .isEqualTo(1);

        reconcile();
        assertThat(get(created.getId()).getStatus()).as("Berth gives up until the tenant starts it")
                .isEqualTo(WorkloadStatus.CRASH_LOOP);
        alice.workloads().startWorkload(created.getId(), null);
        Workload restarted = Await.until("the tenant's start", PATIENCE, () -> get(created.getId()),
                w -> w.getStatus() != WorkloadStatus.CRASH_LOOP);
        assertThat(restarted.getRestartCount()).as("a tenant's start gives a fresh chance").isZero();
    }

    @Test
    void exitedContainerWithRestartPolicyNeverIsStoppedWithItsExitCode() throws Exception {
        Workload created = alice.workloads().createWorkload(Api.sleeper("job", "0.25", 32)
                .command(List.of("sh", "-c", "exit 4")), null).getWorkload();

        Workload stopped = Await.until("the job to be seen stopped", PATIENCE, () -> {
            reconcile();
            return get(created.getId());
        }, w -> w.getStatus() == WorkloadStatus.STOPPED && w.getLastExitCode() != null);
        reconcile();

        assertThat(stopped.getLastExitCode()).isEqualTo(4);
        assertThat(stopped.getObserved().getExitCode()).isEqualTo(4);
        assertThat(stopped.getStatusReason()).contains("code 4");
        assertThat(get(created.getId()).getStatus()).isEqualTo(WorkloadStatus.STOPPED);
        assertThat(get(created.getId()).getRestartCount()).isZero();
        assertThat(DockerCli.inspect("berth-" + created.getId()).at("/State/Running").asBoolean()).isFalse();
    }

    @Test
    void orphanOfThisInstallationIsReportedThenRemovedAfterTheGraceWhileLiveAndForeignObjectsAreNeverTouched()
            throws Exception {
        Workload live = alice.workloads().createWorkload(Api.sleeper("live", "0.25", 32), null).getWorkload();
        String liveHandle = alice.awaitStatus(live.getId(), WorkloadStatus.RUNNING).getProviderHandle();
        String installation = TestDatabase.strings("SELECT id::text FROM berth_installation").get(0);
        UUID orphanId = UUID.randomUUID();
        String orphan = "berth-" + orphanId;
        String foreign = "reconciler-test-foreign-" + UUID.randomUUID();
        handMade.addAll(List.of(orphan, foreign));
        DockerCli.runDetached(orphan, Map.of("berth.workload", orphanId.toString(), "berth.tenant", "acme",
                "berth.installation", installation), "sleep", "3600");
        DockerCli.runDetached(foreign, Map.of("berth.workload", UUID.randomUUID().toString(), "berth.tenant", "acme",
                "berth.installation", UUID.randomUUID().toString()), "sleep", "3600");

        ReconcilePass first = reconcile();

        assertThat(first.getFindings().get("ORPHAN")).as("this orphan, and any an earlier run left").isPositive();
        assertThat(admin.reconcile().getReconcileStatus().getFindings())
                .anySatisfy(f -> {
                    assertThat(f.getWorkloadId()).isEqualTo(orphanId);
                    assertThat(f.getKind()).isEqualTo(ReconcileFindingKind.ORPHAN);
                    assertThat(f.getHostId()).isEqualTo(host.getId());
                });
        assertThat(DockerCli.inspect(orphan)).as("kept during the grace period").isNotNull();

        Await.until("the orphan to be removed", PATIENCE, () -> {
            reconcile();
            return DockerCli.inspect(orphan) == null;
        }, Boolean::booleanValue);

        assertThat(TestDatabase.longValue("SELECT count(*) FROM event WHERE workload_id = '" + orphanId
                + "' AND type IN ('reconcile.orphan', 'reconcile.orphan_removed')")).isEqualTo(2);
        assertThat(admin.reconcile().getReconcileStatus().getFindings()).noneMatch(f -> f.getWorkloadId().equals(orphanId));
        assertThat(DockerCli.inspect(foreign)).as("another installation's object is not ours to remove").isNotNull();
        assertThat(DockerCli.inspect("berth-" + live.getId()).at("/Id").asText()).isEqualTo(liveHandle);
        assertThat(get(live.getId()).getStatus()).isEqualTo(WorkloadStatus.RUNNING);
        assertThat(get(live.getId()).getObserved().getPhase()).isEqualTo("running");
    }

    @Test
    void passIsReportedPerHostWithItsFindings() throws Exception {
        Workload created = alice.workloads().createWorkload(Api.sleeper("seen", "0.25", 32), null).getWorkload();
        alice.awaitStatus(created.getId(), WorkloadStatus.RUNNING);

        ReconcilePass pass = reconcile();

        assertThat(pass.getObserved()).isGreaterThanOrEqualTo(1);
        assertThat(pass.getError()).isNull();
        assertThat(pass.getTrigger()).isEqualTo(ReconcilePass.TriggerEnum.ADMIN);
        var status = admin.reconcile().getReconcileStatus();
        assertThat(status.getHosts()).filteredOn(h -> h.getHostId().equals(host.getId())).singleElement()
                .satisfies(h -> assertThat(h.getLastPass().getStartedAt()).isEqualTo(pass.getStartedAt()));
        Workload seen = get(created.getId());
        assertThat(seen.getObserved().getPhase()).isEqualTo("running");
        assertThat(seen.getObserved().getLastSeenAt()).isNotNull();
        assertThat(seen.getDesiredState().getValue()).isEqualTo("RUNNING");
    }

    // ---------------------------------------------------------------- helpers

    private ReconcilePass reconcile() {
        try {
            return admin.reconcile().reconcileHost(host.getId());
        } catch (ApiException e) {
            throw new AssertionError(e.getResponseBody(), e);
        }
    }

    private Workload get(UUID id) {
        try {
            return alice.workloads().getWorkload(id);
        } catch (ApiException e) {
            throw new AssertionError(e.getResponseBody(), e);
        }
    }

    private List<Event> events(UUID id) throws ApiException {
        return alice.workloads().listWorkloadEvents(id, 200, null, null, null, null).getItems();
    }
}
