package dev.berth.provider.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Map.Entry;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ProviderDriver} contract as executable tests: one behaviour per method, run
 * unchanged against every driver. A driver module extends this class in its tests and
 * implements the hooks below; everything else is inherited.
 *
 * <p>Each test opens its own driver through {@link #driver()}, creates workloads with fresh
 * random UUIDs for tenant {@value #TENANT}, and deletes every one of them afterwards, even
 * when it fails. Waiting is always bounded ({@link #settleTimeout()}) and polled, never a
 * bare sleep.
 *
 * <p>The snapshot tests run only when the driver under test implements
 * {@link SnapshotCapable} (otherwise they are skipped by a JUnit assumption); the ones that
 * check a revert really restores content also need {@link #supportsMarkers()}.
 */
public abstract class ProviderContractSuite {

    /** Tenant of every workload the suite creates. */
    protected static final String TENANT = "tck";

    /** Short on purpose: a workload that ignores the stop signal is killed, which is fine here. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    // ---------------------------------------------------------------- hooks

    /** A new driver bound to a real, reachable host. The suite closes it after each test. */
    protected abstract ProviderDriver driver();

    /** A new driver bound to a host that does not answer (e.g. a socket path that does not exist). */
    protected abstract ProviderDriver unreachableDriver();

    /** An image present on the host that {@link #longRunningCommand()} can run, as the broker would resolve it. */
    protected abstract ImageSource runnableImage();

    /** A command that keeps the workload running for the length of a test; empty = image default. */
    protected abstract List<String> longRunningCommand();

    /** An image that cannot exist on the host (of the kind of source the driver accepts). */
    protected abstract ImageSource missingImage();

    /** The name of {@link #missingImage()} the driver's error must mention (the reference or the artefact). */
    protected String missingImageName() {
        ImageSource missing = missingImage();
        if (missing instanceof ImageSource.RegistryImage registry) {
            return registry.reference();
        }
        return missing instanceof ImageSource.PlatformImage platform ? platform.artefact()
                : ((ImageSource.SnapshotImage) missing).artefact();
    }

    /** Removes the workload's provider object behind the driver's back, with the provider's own API. */
    protected abstract void deleteOutOfBand(UUID workloadId);

    /** The kind of workload the suite provisions. */
    protected WorkloadKind kind() {
        return WorkloadKind.CONTAINER;
    }

    /** Limits the driver must apply exactly and read back; override if the provider rounds. */
    protected Resources limits() {
        return new Resources(500, 64, 0);
    }

    /** How long a workload may take to reach a state after a call. */
    protected Duration settleTimeout() {
        return Duration.ofSeconds(60);
    }

    /**
     * Creates an object on the host that does not carry Berth's labels, or empty if the
     * provider cannot make one from a test (the test using it is then skipped).
     */
    protected Optional<ForeignObject> createForeignObject() {
        return Optional.empty();
    }

    /** An object on the host that Berth did not create; closing it removes it. */
    public interface ForeignObject extends AutoCloseable {
        /** The provider's id of the object, comparable with {@link ActualState#handle()}. */
        String handle();

        @Override
        void close();
    }

    /**
     * True if this test can write and read a marker inside a running workload
     * ({@link #writeMarker}, {@link #readMarker}); the snapshot content tests are skipped otherwise.
     */
    protected boolean supportsMarkers() {
        return false;
    }

    /** Writes {@code value} into a marker file inside the running workload (e.g. with {@code docker exec}). */
    protected void writeMarker(UUID workloadId, String value) {
        throw new UnsupportedOperationException("override supportsMarkers() together with writeMarker/readMarker");
    }

    /** The marker file's content inside the running workload, empty if there is no marker file. */
    protected Optional<String> readMarker(UUID workloadId) {
        throw new UnsupportedOperationException("override supportsMarkers() together with writeMarker/readMarker");
    }

    /**
     * A command that makes the workload exit on its own with {@code code} soon after it
     * starts, or empty if this provider's test cannot run one (the exit-code test is skipped).
     */
    protected Optional<List<String>> exitingCommand(int code) {
        return Optional.empty();
    }

    /** Whether the driver puts the spec's installation on its objects ({@code berth.installation}) and reads it back. */
    protected boolean labelsInstallation() {
        return true;
    }

    // ---------------------------------------------------------------- fixture

    private final Set<UUID> created = ConcurrentHashMap.newKeySet();
    private final Set<Entry<UUID, String>> snapshotsTaken = ConcurrentHashMap.newKeySet();
    private ProviderDriver host;

    @BeforeEach
    final void openDriver() {
        host = driver();
    }

    @AfterEach
    final void deleteWhatTheTestCreated() {
        RuntimeException firstFailure = null;
        // First the snapshots: some providers keep them after the workload is deleted (Docker images).
        for (Entry<UUID, String> snapshot : snapshotsTaken) {
            try {
                ((SnapshotCapable) host).deleteSnapshot(snapshot.getKey(), snapshot.getValue());
            } catch (RuntimeException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        for (UUID workloadId : created) {
            try {
                host.delete(workloadId);
            } catch (RuntimeException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        host.close();
        if (firstFailure != null) {
            throw new AssertionError("cleanup left workloads behind on the host", firstFailure);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void provisionedWorkloadRunsAndCarriesItsIdentity() {
        WorkloadSpec spec = newSpec();

        ActualState returned = host.provision(spec);

        assertThat(returned.handle()).isNotBlank();
        ActualState described = awaitStatus(spec.workloadId(), Status.RUNNING);
        assertThat(described.workloadId()).isEqualTo(spec.workloadId());
        assertThat(described.tenant()).isEqualTo(TENANT);
        assertThat(described.handle()).isEqualTo(returned.handle());
    }

    @Test
    void stoppedWorkloadStartsAgain() {
        UUID id = provisionRunning();

        host.stop(id, GRACE);
        awaitStatus(id, Status.STOPPED);
        host.start(id);

        awaitStatus(id, Status.RUNNING);
    }

    @Test
    void restartedWorkloadIsRunning() {
        UUID id = provisionRunning();

        host.restart(id, GRACE);

        awaitStatus(id, Status.RUNNING);
    }

    @Test
    void startOfRunningAndStopOfStoppedWorkloadSucceed() {
        UUID id = provisionRunning();

        host.start(id);
        awaitStatus(id, Status.RUNNING);
        host.stop(id, GRACE);
        host.stop(id, GRACE);

        awaitStatus(id, Status.STOPPED);
    }

    @Test
    void deletedWorkloadIsNoLongerDescribed() {
        UUID id = provisionRunning();

        host.delete(id);

        assertThat(host.describe(id)).isEmpty();
    }

    @Test
    void fullLifecycleFromProvisionToDelete() {
        WorkloadSpec spec = newSpec();
        UUID id = spec.workloadId();

        host.provision(spec);
        awaitStatus(id, Status.RUNNING);
        host.stop(id, GRACE);
        awaitStatus(id, Status.STOPPED);
        host.start(id);
        awaitStatus(id, Status.RUNNING);
        host.restart(id, GRACE);
        awaitStatus(id, Status.RUNNING);
        host.delete(id);

        assertThat(host.describe(id)).isEmpty();
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void provisionTwiceReturnsTheSameObject() {
        WorkloadSpec spec = newSpec();

        ActualState first = host.provision(spec);
        ActualState second = host.provision(spec);

        assertThat(second.handle()).isEqualTo(first.handle());
        assertThat(objectsOf(spec.workloadId())).isEqualTo(1);
    }

    @Test
    void provisionOfStoppedWorkloadStartsTheSameObject() {
        WorkloadSpec spec = newSpec();
        ActualState first = host.provision(spec);
        host.stop(spec.workloadId(), GRACE);
        awaitStatus(spec.workloadId(), Status.STOPPED);

        ActualState again = host.provision(spec);

        assertThat(again.handle()).isEqualTo(first.handle());
        awaitStatus(spec.workloadId(), Status.RUNNING);
        assertThat(objectsOf(spec.workloadId())).isEqualTo(1);
    }

    @Test
    void deleteTwiceSucceeds() {
        UUID id = provisionRunning();

        host.delete(id);
        host.delete(id);

        assertThat(host.describe(id)).isEmpty();
    }

    @Test
    void deleteOfNeverCreatedWorkloadSucceeds() {
        UUID neverCreated = UUID.randomUUID();

        host.delete(neverCreated);

        assertThat(host.describe(neverCreated)).isEmpty();
    }

    // ---------------------------------------------------------------- drift

    @Test
    void describeAfterOutOfBandDeleteIsEmpty() {
        UUID id = provisionRunning();

        deleteOutOfBand(id);

        assertThat(host.describe(id)).isEmpty();
    }

    @Test
    void startStopRestartAfterOutOfBandDeleteAreNotFound() {
        UUID id = provisionRunning();

        deleteOutOfBand(id);

        assertThatThrownBy(() -> host.start(id)).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> host.stop(id, GRACE)).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> host.restart(id, GRACE)).isInstanceOf(ProviderException.NotFound.class);
    }

    // ---------------------------------------------------------------- resources

    @Test
    void appliedLimitsAreReadBackFromTheProvider() {
        WorkloadSpec spec = newSpec(limits());

        host.provision(spec);

        ActualState described = awaitStatus(spec.workloadId(), Status.RUNNING);
        assertThat(described.applied()).contains(limits());
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentProvisionsOfDistinctWorkloadsAllRun() {
        List<WorkloadSpec> specs = List.of(newSpec(), newSpec(), newSpec(), newSpec(),
                newSpec(), newSpec(), newSpec(), newSpec());

        Concurrently.run(specs.size(), settleTimeout(), i -> host.provision(specs.get(i)));

        for (WorkloadSpec spec : specs) {
            awaitStatus(spec.workloadId(), Status.RUNNING);
        }
        assertThat(host.list()).extracting(ActualState::workloadId)
                .containsAll(specs.stream().map(WorkloadSpec::workloadId).toList());
    }

    @Test
    void concurrentProvisionsOfOneWorkloadCreateOneObject() {
        WorkloadSpec spec = newSpec();

        List<ActualState> results = Concurrently.run(4, settleTimeout(), i -> host.provision(spec));

        assertThat(results).extracting(ActualState::handle).containsOnly(results.get(0).handle());
        awaitStatus(spec.workloadId(), Status.RUNNING);
        assertThat(objectsOf(spec.workloadId())).isEqualTo(1);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void missingImageIsPermanentAndNamesTheImage() {
        WorkloadSpec spec = withImage(newSpec(), missingImage());

        assertThatThrownBy(() -> host.provision(spec))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining(missingImageName());
        assertThat(host.describe(spec.workloadId())).as("nothing left behind").isEmpty();
    }

    @Test
    void unreachableHostProbesUnhealthyWithoutThrowing() {
        try (ProviderDriver unreachable = unreachableDriver()) {
            HostHealth health = unreachable.probe();

            assertThat(health.healthy()).isFalse();
            assertThat(health.detail()).isNotBlank();
        }
    }

    @Test
    void provisionOnUnreachableHostIsTransient() {
        WorkloadSpec spec = spec(UUID.randomUUID(), limits());

        try (ProviderDriver unreachable = unreachableDriver()) {
            assertThatThrownBy(() -> unreachable.provision(spec)).isInstanceOf(ProviderException.Transient.class);
        }
    }

    @Test
    void startStopRestartOfUnknownWorkloadAreNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> host.start(unknown)).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> host.stop(unknown, GRACE)).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> host.restart(unknown, GRACE)).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void describeOfUnknownWorkloadIsEmpty() {
        assertThat(host.describe(UUID.randomUUID())).isEmpty();
    }

    // ---------------------------------------------------------------- list, probe, inventory

    @Test
    void listIncludesStoppedWorkloads() {
        UUID id = provisionRunning();
        host.stop(id, GRACE);
        awaitStatus(id, Status.STOPPED);

        assertThat(host.list()).filteredOn(state -> state.workloadId().equals(id))
                .singleElement()
                .satisfies(state -> assertThat(state.tenant()).isEqualTo(TENANT))
                .satisfies(state -> assertThat(state.status()).isEqualTo(Status.STOPPED));
    }

    @Test
    void listOmitsObjectsWithoutBerthLabels() {
        Optional<ForeignObject> made = createForeignObject();
        Assumptions.assumeTrue(made.isPresent(), "this driver's test cannot create unlabelled objects");

        try (ForeignObject foreign = made.get()) {
            assertThat(host.list()).extracting(ActualState::handle).doesNotContain(foreign.handle());
        }
    }

    @Test
    void reachableHostProbesHealthy() {
        HostHealth health = host.probe();

        assertThat(health.healthy()).as(health.detail()).isTrue();
        assertThat(health.latency()).isNotNull();
        assertThat(health.checkedAt()).isNotNull();
    }

    /** Disk may be 0: not every provider can tell its disk capacity (documented per driver). */
    @Test
    void inventoryReportsCapacityAndSupportedKinds() {
        HostInventory inventory = host.inventory();

        assertThat(inventory.capacity().milliCpu()).isPositive();
        assertThat(inventory.capacity().memoryMiB()).isPositive();
        assertThat(inventory.capacity().diskGiB()).isNotNegative();
        assertThat(inventory.supportedKinds()).contains(kind());
        assertThat(inventory.version()).isNotBlank();
    }

    // ---------------------------------------------------------------- snapshots (SnapshotCapable only)

    @Test
    void snapshotCreateIsIdempotentByName() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID id = provisionRunning();

        ProviderSnapshot first = snapshot(id, "tck-first");
        ProviderSnapshot again = snapshot(id, "tck-first");

        assertThat(first.name()).isEqualTo("tck-first");
        assertThat(first.createdAt()).isNotNull();
        assertThat(again).isEqualTo(first);
        assertThat(snapshots.listSnapshots(id)).extracting(ProviderSnapshot::name).containsOnlyOnce("tck-first");
    }

    /** Names sort the same way as the creation order, so whole-second timestamps pass too. */
    @Test
    void snapshotsAreListedOldestFirst() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID id = provisionRunning();

        ProviderSnapshot older = snapshot(id, "tck-a-older");
        ProviderSnapshot newer = snapshot(id, "tck-b-newer");

        assertThat(snapshots.listSnapshots(id)).extracting(ProviderSnapshot::name)
                .containsExactly("tck-a-older", "tck-b-newer");
        assertThat(snapshots.listSnapshots(id)).containsExactly(older, newer);
        assertThat(newer.createdAt()).isAfterOrEqualTo(older.createdAt());
    }

    @Test
    void revertKeepsTheWorkloadsIdentityAndRunningState() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID id = provisionRunning();
        snapshot(id, "tck-identity");

        snapshots.revertToSnapshot(id, "tck-identity");

        ActualState after = awaitStatus(id, Status.RUNNING);
        assertThat(after.workloadId()).isEqualTo(id);
        assertThat(after.tenant()).isEqualTo(TENANT);
        assertThat(objectsOf(id)).as("still exactly one object for the workload").isEqualTo(1);
        assertThat(host.list()).filteredOn(state -> state.workloadId().equals(id)).singleElement()
                .satisfies(state -> assertThat(state.tenant()).isEqualTo(TENANT));
        assertThat(snapshots.listSnapshots(id)).extracting(ProviderSnapshot::name).contains("tck-identity");
    }

    @Test
    void revertRestoresTheSnapshotsContent() {
        SnapshotCapable snapshots = snapshotDriver();
        Assumptions.assumeTrue(supportsMarkers(), "this driver's test cannot look inside a workload "
                + "(supportsMarkers() is false): snapshot content checks skipped");
        UUID id = provisionRunning();
        writeMarker(id, "before");
        snapshot(id, "tck-content");
        writeMarker(id, "after");
        assertThat(readMarker(id)).contains("after");

        snapshots.revertToSnapshot(id, "tck-content");

        awaitStatus(id, Status.RUNNING);
        assertThat(readMarker(id)).contains("before");
    }

    @Test
    void revertDiscardsWhatWasWrittenAfterTheSnapshot() {
        SnapshotCapable snapshots = snapshotDriver();
        Assumptions.assumeTrue(supportsMarkers(), "this driver's test cannot look inside a workload "
                + "(supportsMarkers() is false): snapshot content checks skipped");
        UUID id = provisionRunning();
        snapshot(id, "tck-clean");
        writeMarker(id, "later");

        snapshots.revertToSnapshot(id, "tck-clean");

        awaitStatus(id, Status.RUNNING);
        assertThat(readMarker(id)).isEmpty();
    }

    @Test
    void revertToUnknownSnapshotIsNotFound() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID id = provisionRunning();

        assertThatThrownBy(() -> snapshots.revertToSnapshot(id, "tck-never-taken"))
                .isInstanceOf(ProviderException.NotFound.class);
        awaitStatus(id, Status.RUNNING);
    }

    @Test
    void snapshotOperationsOnUnknownWorkloadAreNotFound() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> snapshots.createSnapshot(unknown, "tck-x"))
                .isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> snapshots.revertToSnapshot(unknown, "tck-x"))
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void deleteSnapshotTwiceSucceeds() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID id = provisionRunning();
        snapshot(id, "tck-keep");
        snapshot(id, "tck-drop");

        snapshots.deleteSnapshot(id, "tck-drop");
        snapshots.deleteSnapshot(id, "tck-drop");
        snapshots.deleteSnapshot(id, "tck-never-taken");
        snapshots.deleteSnapshot(UUID.randomUUID(), "tck-drop");

        assertThat(snapshots.listSnapshots(id)).extracting(ProviderSnapshot::name).containsExactly("tck-keep");
        assertThatThrownBy(() -> snapshots.revertToSnapshot(id, "tck-drop"))
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void unsafeSnapshotNameIsPermanent() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID id = provisionRunning();

        for (String unsafe : List.of("", "../escape", "a:b", "a@sha256", "with space", "-leading-dash")) {
            assertThatThrownBy(() -> snapshots.createSnapshot(id, unsafe)).as("name '%s'", unsafe)
                    .isInstanceOf(ProviderException.Permanent.class);
        }
    }

    // ---------------------------------------------------------------- images (defence in depth)

    /**
     * Whatever the broker resolved, a driver never starts a workload from another workload's
     * disk, container, seed or backup: an artefact in Berth's own namespace that is not the
     * tenant's own snapshot is Permanent, and nothing is left behind.
     */
    @Test
    void berthInternalArtefactsAreRefused() {
        UUID victim = provisionRunning();
        String victimName = WorkloadSpec.providerName(victim);
        List<ImageSource> internal = List.of(
                new ImageSource.PlatformImage("disk", victimName),
                new ImageSource.PlatformImage("seed", "berth-seed-" + victim + ".iso"),
                new ImageSource.PlatformImage("backup", "berth-backup-" + victim + "-nightly"),
                new ImageSource.PlatformImage("snapshot", "berth-snapshots/" + victim + ":nightly"),
                ImageSource.RegistryImage.parse("berth-snapshots/" + victim + ":nightly"),
                ImageSource.RegistryImage.parse(victimName));
        for (ImageSource image : internal) {
            WorkloadSpec spec = withImage(newSpec(), image);

            assertThatThrownBy(() -> host.provision(spec)).as(image.display())
                    .isInstanceOf(ProviderException.Permanent.class);
            assertThat(host.describe(spec.workloadId())).as("nothing left behind for " + image.display()).isEmpty();
        }
    }

    /** A snapshot that outlives its workload restores as a new workload of the same tenant. */
    @Test
    void ownSnapshotRestoresAsANewWorkload() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID id = provisionRunning();
        snapshot(id, "tck-restore");
        Optional<String> artefact = snapshots.restorableImage(id, "tck-restore");
        Assumptions.assumeTrue(artefact.isPresent(), "this driver's snapshots die with their workload");

        WorkloadSpec restored = withImage(newSpec(), new ImageSource.SnapshotImage(TENANT, id, "tck-restore", artefact.get()));
        host.provision(restored);

        awaitStatus(restored.workloadId(), Status.RUNNING);
    }

    /** The artefact must be the one the driver itself names for that snapshot, not any other. */
    @Test
    void snapshotImageWithAForeignArtefactIsRefused() {
        SnapshotCapable snapshots = snapshotDriver();
        UUID id = provisionRunning();
        snapshot(id, "tck-own");
        Optional<String> artefact = snapshots.restorableImage(id, "tck-own");
        Assumptions.assumeTrue(artefact.isPresent(), "this driver's snapshots die with their workload");
        UUID other = provisionRunning();

        WorkloadSpec spec = withImage(newSpec(), new ImageSource.SnapshotImage(TENANT, other, "tck-own", artefact.get()));

        assertThatThrownBy(() -> host.provision(spec)).isInstanceOf(ProviderException.class);
        assertThat(host.describe(spec.workloadId())).as("nothing left behind").isEmpty();
    }

    // ---------------------------------------------------------------- observed state (what the reconciler reads)

    @Test
    void runningWorkloadReportsItsPhaseAndNoExitCode() {
        UUID id = provisionRunning();

        ActualState described = host.describe(id).orElseThrow();
        assertThat(described.phase()).isNotBlank();
        assertThat(described.exitCode()).isNull();
        assertThat(described.finishedAt()).isNull();
        assertThat(host.list()).filteredOn(state -> state.workloadId().equals(id)).singleElement()
                .satisfies(state -> assertThat(state.phase()).isEqualTo(described.phase()))
                .satisfies(state -> assertThat(state.ended()).isFalse());
    }

    @Test
    void stoppedWorkloadReportsAnEndedPhase() {
        UUID id = provisionRunning();
        host.stop(id, GRACE);

        ActualState stopped = awaitStatus(id, Status.STOPPED);
        assertThat(stopped.ended()).isTrue();
        assertThat(stopped.phase()).isNotBlank().isNotEqualToIgnoringCase("running");
        assertThat(host.list()).filteredOn(state -> state.workloadId().equals(id)).singleElement()
                .satisfies(state -> assertThat(state.ended()).isTrue());
    }

    @Test
    void workloadThatExitsOnItsOwnReportsItsExitCode() {
        Optional<List<String>> exiting = exitingCommand(3);
        Assumptions.assumeTrue(exiting.isPresent(), "this driver's test cannot run a command that exits");
        WorkloadSpec running = newSpec();
        WorkloadSpec spec = new WorkloadSpec(running.workloadId(), running.tenant(), running.name(), running.kind(),
                running.image(), exiting.get(), running.env(), running.resources(), running.labels(),
                running.restartPolicy());

        host.provision(spec);

        ActualState ended = awaitStatus(spec.workloadId(), Status.STOPPED);
        assertThat(ended.exitCode()).isEqualTo(3);
        assertThat(host.list()).filteredOn(state -> state.workloadId().equals(spec.workloadId())).singleElement()
                .satisfies(state -> assertThat(state.exitCode()).isEqualTo(3));
    }

    @Test
    void installationIsCarriedByTheObjectAndReadBack() {
        Assumptions.assumeTrue(labelsInstallation(), "this driver does not label objects with their installation");
        WorkloadSpec spec = newSpec().withInstallation("tck-installation");

        host.provision(spec);

        assertThat(awaitStatus(spec.workloadId(), Status.RUNNING).installation()).isEqualTo("tck-installation");
        assertThat(host.list()).filteredOn(state -> state.workloadId().equals(spec.workloadId())).singleElement()
                .satisfies(state -> assertThat(state.installation()).isEqualTo("tck-installation"));
    }

    // ---------------------------------------------------------------- helpers

    /** The driver under test as {@link SnapshotCapable}, or the test is skipped. */
    private SnapshotCapable snapshotDriver() {
        Assumptions.assumeTrue(host instanceof SnapshotCapable, host.getClass().getSimpleName()
                + " does not implement SnapshotCapable: snapshot tests skipped");
        return (SnapshotCapable) host;
    }

    /** Takes a snapshot and registers it for deletion after the test. */
    private ProviderSnapshot snapshot(UUID id, String name) {
        snapshotsTaken.add(Map.entry(id, name));
        return ((SnapshotCapable) host).createSnapshot(id, name);
    }

    /** A runnable spec with a fresh id, registered for deletion after the test. */
    private WorkloadSpec newSpec() {
        return newSpec(limits());
    }

    private WorkloadSpec newSpec(Resources resources) {
        UUID id = UUID.randomUUID();
        created.add(id);
        return spec(id, resources);
    }

    private WorkloadSpec spec(UUID id, Resources resources) {
        return new WorkloadSpec(id, TENANT, "tck-" + id, kind(), runnableImage(), longRunningCommand(),
                Map.of("BERTH_TCK", "1"), resources, Map.of("suite", "tck"), RestartPolicy.NEVER);
    }

    private static WorkloadSpec withImage(WorkloadSpec s, ImageSource image) {
        return new WorkloadSpec(s.workloadId(), s.tenant(), s.name(), s.kind(), image, s.command(), s.env(),
                s.resources(), s.labels(), s.restartPolicy());
    }

    private UUID provisionRunning() {
        WorkloadSpec spec = newSpec();
        host.provision(spec);
        awaitStatus(spec.workloadId(), Status.RUNNING);
        return spec.workloadId();
    }

    /** Polls describe until the workload reports {@code expected}; returns that state. */
    private ActualState awaitStatus(UUID id, Status expected) {
        return await("workload " + id + " to be " + expected)
                .atMost(settleTimeout())
                .pollInterval(Duration.ofMillis(100))
                .until(() -> host.describe(id), state -> state.map(ActualState::status).equals(Optional.of(expected)))
                .orElseThrow();
    }

    private long objectsOf(UUID id) {
        return host.list().stream().filter(state -> id.equals(state.workloadId())).count();
    }
}
