package dev.berth.broker.reconcile;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.workloads.Isolation;
import dev.berth.broker.workloads.Observation;
import dev.berth.broker.workloads.PlacementHints;
import dev.berth.broker.workloads.Restarts;
import dev.berth.broker.workloads.VmOptions;
import dev.berth.broker.workloads.Workload;
import dev.berth.broker.workloads.WorkloadStatus;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison of database rows with a host's listing, one rule per test. */
class ComparisonTest {

    private static final UUID HOST = UUID.randomUUID();
    private static final OffsetDateTime LISTED_AT = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final String US = "installation-a";

    private final Comparison comparison = new Comparison(TestConfig.standard());

    @Test
    void aRunningWorkloadThatIsListedRunningIsOnlyObserved() {
        Workload w = workload(WorkloadStatus.RUNNING, RestartPolicy.ALWAYS);

        assertThat(compare(List.of(w), Set.of(), state(w, Status.RUNNING, null)))
                .singleElement().isInstanceOf(Verdict.Observed.class);
    }

    @Test
    void aRunningWorkloadMissingFromTheListIsGoneAndReprovisionedPerPolicy() {
        Workload always = workload(WorkloadStatus.RUNNING, RestartPolicy.ALWAYS);
        Workload never = workload(WorkloadStatus.STOPPED, RestartPolicy.NEVER);

        List<Verdict> verdicts = compare(List.of(always, never), Set.of());

        assertThat(verdicts).hasSize(2).allMatch(Verdict.Gone.class::isInstance);
        assertThat(((Verdict.Gone) verdicts.get(0)).decision().action()).isEqualTo(RestartDecision.Action.RESTART);
        assertThat(((Verdict.Gone) verdicts.get(1)).decision().action()).isEqualTo(RestartDecision.Action.LEAVE);
    }

    @Test
    void aWorkloadWithAnUnfinishedOperationOrChangedAfterTheListIsLeftAlone() {
        Workload busy = workload(WorkloadStatus.RUNNING, RestartPolicy.ALWAYS);
        Workload changedSince = withUpdatedAt(workload(WorkloadStatus.RUNNING, RestartPolicy.ALWAYS), LISTED_AT.plusSeconds(1));
        Workload deleting = workload(WorkloadStatus.DELETING, RestartPolicy.ALWAYS);

        assertThat(compare(List.of(busy, changedSince, deleting), Set.of(busy.id()))).isEmpty();
    }

    @Test
    void anExitedWorkloadThatShouldRunGetsItsRestartPolicy() {
        Workload onFailure = workload(WorkloadStatus.RUNNING, RestartPolicy.ON_FAILURE);
        Workload cleanExit = workload(WorkloadStatus.RUNNING, RestartPolicy.ON_FAILURE);
        Workload stoppedByTenant = desired(workload(WorkloadStatus.STOPPED, RestartPolicy.ALWAYS), Restarts.DesiredState.STOPPED);

        List<Verdict> verdicts = compare(List.of(onFailure, cleanExit, stoppedByTenant), Set.of(),
                state(onFailure, Status.STOPPED, 3), state(cleanExit, Status.STOPPED, 0),
                state(stoppedByTenant, Status.STOPPED, 137));

        assertThat(verdicts).filteredOn(Verdict.Exited.class::isInstance).extracting(v -> (Verdict.Exited) v)
                .extracting(v -> v.workload().id(), v -> v.decision().action())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(onFailure.id(), RestartDecision.Action.RESTART),
                        org.assertj.core.groups.Tuple.tuple(cleanExit.id(), RestartDecision.Action.LEAVE));
    }

    @Test
    void aCrashLoopingWorkloadIsNotRestartedAgain() {
        Workload looping = workload(WorkloadStatus.CRASH_LOOP, RestartPolicy.ALWAYS);

        assertThat(compare(List.of(looping), Set.of(), state(looping, Status.STOPPED, 1)))
                .singleElement().isInstanceOf(Verdict.Observed.class);
    }

    @Test
    void aWorkloadStillProvisioningThatIsSeenRunningBecomesRunning() {
        Workload pending = workload(WorkloadStatus.PROVISIONING, RestartPolicy.NEVER);

        assertThat(compare(List.of(pending), Set.of(), state(pending, Status.RUNNING, null)))
                .anyMatch(Verdict.BecameRunning.class::isInstance);
    }

    @Test
    void aNeverProvisionedWorkloadWithoutOperationIsAGhost() {
        Workload ghost = workload(WorkloadStatus.SCHEDULED, RestartPolicy.NEVER);

        assertThat(compare(List.of(ghost), Set.of())).singleElement().isInstanceOf(Verdict.Ghost.class);
    }

    @Test
    void anObjectOfThisInstallationWithoutALiveRowIsAnOrphanAnotherInstallationsIsNot() {
        UUID unknown = UUID.randomUUID();
        ActualState ours = new ActualState(unknown, "acme", "c1", Status.RUNNING, "running", Optional.empty(), "running",
                null, null, null, US);
        ActualState theirs = new ActualState(UUID.randomUUID(), "acme", "c2", Status.RUNNING, "running", Optional.empty(),
                "running", null, null, null, "installation-b");
        ActualState unlabelled = new ActualState(UUID.randomUUID(), "acme", "c3", Status.RUNNING, "running",
                Optional.empty(), "running", null, null, null, null);

        List<Verdict> verdicts = comparison.compare(new Comparison.Known(HOST, List.of(), Set.of(), Map.of(), LISTED_AT),
                List.of(ours, theirs, unlabelled), US);

        assertThat(verdicts).singleElement().isInstanceOfSatisfying(Verdict.Orphan.class,
                o -> assertThat(o.state().workloadId()).isEqualTo(unknown));
    }

    @Test
    void anUnlabelledObjectOfADeletedWorkloadIsAnOrphanOneOfALiveWorkloadElsewhereIsNeverTouched() {
        Workload deleted = workload(WorkloadStatus.DELETED, RestartPolicy.NEVER);
        Workload liveElsewhere = workload(WorkloadStatus.RUNNING, RestartPolicy.NEVER);

        List<Verdict> verdicts = comparison.compare(new Comparison.Known(HOST, List.of(), Set.of(),
                        Map.of(deleted.id(), deleted, liveElsewhere.id(), liveElsewhere), LISTED_AT),
                List.of(state(deleted, Status.STOPPED, 0), state(liveElsewhere, Status.RUNNING, null)), US);

        assertThat(verdicts).hasSize(2);
        assertThat(verdicts).filteredOn(Verdict.Orphan.class::isInstance).singleElement()
                .satisfies(v -> assertThat(((Verdict.Orphan) v).state().workloadId()).isEqualTo(deleted.id()));
        assertThat(verdicts).filteredOn(Verdict.Drift.class::isInstance).singleElement()
                .satisfies(v -> assertThat(((Verdict.Drift) v).workload().id()).isEqualTo(liveElsewhere.id()));
    }

    @Test
    void differentLimitsOrTenantLabelAreDriftReportedBesideTheObservation() {
        Workload w = workload(WorkloadStatus.RUNNING, RestartPolicy.NEVER);
        ActualState drifted = new ActualState(w.id(), "globex", "h", Status.RUNNING, "running",
                Optional.of(new Resources(2000, 64, 0)), "running", null, null, null, US);

        List<Verdict> verdicts = compare(List.of(w), Set.of(), drifted);

        assertThat(verdicts).filteredOn(Verdict.Drift.class::isInstance).hasSize(2);
        assertThat(verdicts).anyMatch(Verdict.Observed.class::isInstance);
    }

    // ---------------------------------------------------------------- fixtures

    private List<Verdict> compare(List<Workload> rows, Set<UUID> busy, ActualState... listed) {
        return comparison.compare(new Comparison.Known(HOST, rows, busy, Map.of(), LISTED_AT), List.of(listed), US);
    }

    static Workload workload(WorkloadStatus status, RestartPolicy policy) {
        return new Workload(UUID.randomUUID(), "acme", "w", WorkloadKind.CONTAINER, "requested", Isolation.STANDARD,
                VmOptions.LINUX, "img", List.of(), Map.of(), Map.of(), policy, new Resources(500, 64, 0),
                new PlacementHints(null, null, null, Map.of(), null, null, null), status, null, HOST, "h", true,
                LISTED_AT.minusMinutes(1), LISTED_AT.minusMinutes(1), 0, null,
                dev.berth.provider.spi.ImageSource.RegistryImage.parse("img:1"), Observation.NONE,
                new Restarts(status == WorkloadStatus.STOPPED ? Restarts.DesiredState.RUNNING : Restarts.DesiredState.RUNNING,
                        0, null, null), null);
    }

    private static Workload withUpdatedAt(Workload w, OffsetDateTime updatedAt) {
        return new Workload(w.id(), w.tenant(), w.name(), w.kind(), w.kindReason(), w.isolation(), w.vm(), w.image(),
                w.command(), w.env(), w.labels(), w.restartPolicy(), w.resources(), w.placement(), w.status(),
                w.statusReason(), w.hostId(), w.providerHandle(), w.holdsResources(), w.createdAt(), updatedAt,
                w.monthlyCostMicros(), w.burst(), w.resolvedImage(), w.observed(), w.restarts(), w.imagePull());
    }

    private static Workload desired(Workload w, Restarts.DesiredState desired) {
        return new Workload(w.id(), w.tenant(), w.name(), w.kind(), w.kindReason(), w.isolation(), w.vm(), w.image(),
                w.command(), w.env(), w.labels(), w.restartPolicy(), w.resources(), w.placement(), w.status(),
                w.statusReason(), w.hostId(), w.providerHandle(), w.holdsResources(), w.createdAt(), w.updatedAt(),
                w.monthlyCostMicros(), w.burst(), w.resolvedImage(), w.observed(), new Restarts(desired, 0, null, null), w.imagePull());
    }

    private static ActualState state(Workload w, Status status, Integer exitCode) {
        return new ActualState(w.id(), w.tenant(), "h", status, status.name(), Optional.empty(),
                status == Status.RUNNING ? "running" : "exited", exitCode, null, null, US);
    }
}
