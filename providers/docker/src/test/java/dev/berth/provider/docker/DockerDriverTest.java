package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Docker-specific facts the provider-neutral contract cannot see, checked with {@code docker inspect}. */
@RequiresLocalDocker
class DockerDriverTest {

    private static final long MIB = 1024L * 1024L;

    private final List<String> containers = new ArrayList<>();
    /** Workloads whose snapshot images the test may have left: removed by label afterwards. */
    private final List<UUID> snapshotted = new ArrayList<>();
    private DockerClient docker;
    private DockerDriver driver;

    @BeforeEach
    void open() {
        docker = LocalDockerEngine.client();
        driver = (DockerDriver) LocalDockerEngine.driver(Map.of());
    }

    @AfterEach
    void removeContainers() throws IOException {
        for (String name : containers) {
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // deleted by the test
            }
        }
        for (UUID id : snapshotted) {
            for (Image image : docker.listImagesCmd().withShowAll(true)
                    .withLabelFilter(Map.of("berth.workload", id.toString())).exec()) {
                try {
                    docker.removeImageCmd(image.getId()).withForce(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // deleted by the test
                }
            }
        }
        driver.close();
        docker.close();
    }

    @Test
    void containerIsNamedBerthDashWorkloadId() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        String handle = driver.provision(spec).handle();

        assertThat(inspect(spec).getName()).isEqualTo("/berth-" + spec.workloadId());
        assertThat(inspect(spec).getId()).isEqualTo(handle);
    }

    @Test
    void limitsAreNanoCpusAndMemoryWithoutExtraSwap() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        driver.provision(spec);

        HostConfig host = inspect(spec).getHostConfig();
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getMemory()).isEqualTo(64 * MIB);
        assertThat(host.getMemorySwap()).isEqualTo(64 * MIB);
    }

    @Test
    void labelsCarryIdentityAndPrefixedTenantLabels() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        driver.provision(spec);

        assertThat(inspect(spec).getConfig().getLabels()).containsOnly(
                Map.entry("berth.tenant", "acme"),
                Map.entry("berth.workload", spec.workloadId().toString()),
                Map.entry("user.team", "payments"));
    }

    @Test
    void networkModeIsNoneByDefault() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        driver.provision(spec);

        assertThat(inspect(spec).getHostConfig().getNetworkMode()).isEqualTo("none");
    }

    @Test
    void networkModeOptionIsApplied() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        try (ProviderDriver hostNetwork = LocalDockerEngine.driver(Map.of("networkMode", "host"))) {
            hostNetwork.provision(spec);
        }

        assertThat(inspect(spec).getHostConfig().getNetworkMode()).isEqualTo("host");
    }

    @Test
    void envAndCommandArePassedThrough() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);

        driver.provision(spec);

        assertThat(inspect(spec).getConfig().getEnv()).contains("GREETING=hello");
        assertThat(inspect(spec).getConfig().getCmd()).containsExactly("sleep", "3600");
    }

    /** Berth applies restart policies itself (the broker's reconciler), so the engine never restarts on its own. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(RestartPolicy.class)
    void engineNeverRestartsOnItsOwn(RestartPolicy policy) {
        WorkloadSpec spec = spec(policy);

        driver.provision(spec);

        assertThat(inspect(spec).getHostConfig().getRestartPolicy().getName()).isIn("no", "");
    }

    /** The engine's /events stream names the workload whose container stopped or was removed behind Berth's back. */
    @Test
    void engineEventsNameTheWorkloadWhoseContainerChanged() throws Exception {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);
        driver.provision(spec);
        java.util.concurrent.BlockingQueue<UUID> changed = new java.util.concurrent.LinkedBlockingQueue<>();

        try (AutoCloseable watch = driver.watch(changed::add, cause -> { })) {
            docker.removeContainerCmd(WorkloadSpec.providerName(spec.workloadId())).withForce(true).exec();

            // other Berth containers on this shared engine may send events too: wait for this one's
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            UUID seen = null;
            while (!spec.workloadId().equals(seen) && System.nanoTime() < deadline) {
                seen = changed.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(seen).as("an event of this workload arrived").isEqualTo(spec.workloadId());
        }
    }

    @Test
    void installationLabelIsWrittenAndReadBack() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER).withInstallation("inst-1");

        driver.provision(spec);

        assertThat(inspect(spec).getConfig().getLabels()).containsEntry(WorkloadSpec.LABEL_INSTALLATION, "inst-1");
        assertThat(driver.list()).filteredOn(s -> s.workloadId().equals(spec.workloadId())).singleElement()
                .satisfies(s -> assertThat(s.installation()).isEqualTo("inst-1"));
    }

    @Test
    void vmWorkloadIsRefusedPermanently() {
        WorkloadSpec vm = new WorkloadSpec(UUID.randomUUID(), "acme", null, WorkloadKind.VM, ImageSource.RegistryImage.parse(LocalDockerEngine.IMAGE),
                null, null, Resources.ZERO, null, null);

        assertThatThrownBy(() -> driver.provision(vm)).isInstanceOf(ProviderException.Permanent.class);
    }

    @Test
    void provisionRefusesAContainerBerthDidNotCreateUnderItsName() {
        WorkloadSpec spec = spec(RestartPolicy.NEVER);
        docker.createContainerCmd(LocalDockerEngine.IMAGE).withName(spec.providerName()).withCmd("sleep", "3600")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec();

        assertThatThrownBy(() -> driver.provision(spec))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("did not create");
    }

    @Test
    void unreachableEngineErrorNamesTheEndpoint() {
        String endpoint = "unix:///tmp/berth-missing-" + UUID.randomUUID() + ".sock";
        try (ProviderDriver unreachable = new DockerDriverFactory().open(
                new HostConnection("docker", endpoint, Map.of()))) {

            assertThatThrownBy(unreachable::list)
                    .isInstanceOf(ProviderException.Transient.class)
                    .hasMessageContaining(endpoint);
        }
    }

    @Test
    void inventoryMatchesDockerInfo() throws IOException {
        var info = docker.infoCmd().exec();

        var inventory = driver.inventory();

        assertThat(inventory.capacity().milliCpu()).isEqualTo(info.getNCPU() * 1000L);
        assertThat(inventory.capacity().memoryMiB()).isEqualTo(info.getMemTotal() / MIB);
        // The local engine's data root is on this machine: its filesystem is the disk capacity.
        long rootFsGiB = java.nio.file.Files.getFileStore(java.nio.file.Path.of(info.getDockerRootDir())).getTotalSpace()
                / (1024L * 1024 * 1024);
        assertThat(rootFsGiB).isPositive();
        assertThat(inventory.capacity().diskGiB()).isEqualTo(rootFsGiB);
        assertThat(inventory.diskMeasured()).isTrue();
        assertThat(inventory.facts()).containsEntry("dockerRootDir", info.getDockerRootDir())
                .containsEntry("containerDiskLimit", "not enforced");
        assertThat(inventory.version()).isEqualTo(info.getServerVersion());
    }

    // ---------------------------------------------------------------- snapshots

    @Test
    void snapshotIsATaggedAndLabelledImageOfTheContainer() {
        WorkloadSpec spec = snapshotSpec(RestartPolicy.NEVER);
        driver.provision(spec);

        ProviderSnapshot snapshot = driver.createSnapshot(spec.workloadId(), "nightly-1");

        String ref = "berth-snapshots/" + spec.workloadId() + ":nightly-1";
        InspectImageResponse image = docker.inspectImageCmd(ref).exec();
        assertThat(image.getConfig().getLabels()).contains(
                Map.entry("berth.tenant", "tck"),
                Map.entry("berth.workload", spec.workloadId().toString()),
                Map.entry("berth.snapshot", "nightly-1"));
        assertThat(snapshot.detail()).startsWith("image " + image.getId().substring(7, 19));
        assertThat(driver.snapshotImage(spec.workloadId(), "nightly-1")).contains(ref);
        assertThat(driver.snapshotImage(spec.workloadId(), "never-taken")).isEmpty();
    }

    @Test
    void snapshotOutlivesTheWorkloadAndSeedsANewOne() {
        WorkloadSpec original = snapshotSpec(RestartPolicy.NEVER);
        UUID id = original.workloadId();
        driver.provision(original);
        LocalDockerEngine.writeMarker(docker, original.providerName(), "backed-up");
        driver.createSnapshot(id, "backup");

        driver.delete(id);

        assertThat(driver.describe(id)).isEmpty();
        String ref = "berth-snapshots/" + id + ":backup";
        assertThat(docker.inspectImageCmd(ref).exec().getRepoTags()).contains(ref);
        assertThat(driver.snapshotImage(id, "backup")).contains(ref);
        assertThat(driver.listSnapshots(id)).extracting(ProviderSnapshot::name).containsExactly("backup");
        assertThat(driver.createSnapshot(id, "backup").name()).as("idempotent even without the container")
                .isEqualTo("backup");
        assertThatThrownBy(() -> driver.createSnapshot(id, "another")).isInstanceOf(ProviderException.NotFound.class);

        WorkloadSpec restored = withImage(snapshotSpec(RestartPolicy.NEVER),
                new ImageSource.SnapshotImage("tck", id, "backup", driver.snapshotImage(id, "backup").orElseThrow()));
        driver.provision(restored);

        assertThat(LocalDockerEngine.readMarker(docker, restored.providerName())).contains("backed-up");
        assertThat(inspect(restored).getConfig().getLabels())
                .containsEntry("berth.workload", restored.workloadId().toString())
                .containsEntry("berth.tenant", "tck");

        driver.delete(restored.workloadId());
        driver.deleteSnapshot(id, "backup");
        assertThat(driver.snapshotImage(id, "backup")).isEmpty();
        assertThat(docker.listImagesCmd().withShowAll(true)
                .withLabelFilter(Map.of("berth.workload", id.toString())).exec()).as("image removed").isEmpty();
    }

    @Test
    void revertRecreatesTheContainerWithTheSameConfiguration() {
        WorkloadSpec spec = snapshotSpec(RestartPolicy.ALWAYS);
        String oldHandle = driver.provision(spec).handle();
        InspectContainerResponse before = inspect(spec);
        driver.createSnapshot(spec.workloadId(), "v1");

        driver.revertToSnapshot(spec.workloadId(), "v1");

        InspectContainerResponse after = inspect(spec);
        assertThat(after.getId()).isNotEqualTo(oldHandle);
        assertThat(after.getName()).isEqualTo(before.getName());
        assertThat(after.getConfig().getImage()).isEqualTo("berth-snapshots/" + spec.workloadId() + ":v1");
        assertThat(after.getConfig().getLabels()).containsAllEntriesOf(before.getConfig().getLabels());
        assertThat(after.getConfig().getEnv()).contains("GREETING=hello");
        assertThat(after.getConfig().getCmd()).containsExactly("sleep", "3600");
        HostConfig host = after.getHostConfig();
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getMemory()).isEqualTo(64 * MIB);
        assertThat(host.getMemorySwap()).isEqualTo(64 * MIB);
        assertThat(host.getNetworkMode()).isEqualTo("none");
        assertThat(host.getRestartPolicy().getName()).as("the engine never restarts: Berth does").isIn("no", "");
        assertThat(after.getState().getRunning()).isTrue();
        assertThat(driver.describe(spec.workloadId()).orElseThrow().handle()).isEqualTo(after.getId());
    }

    @Test
    void revertOfStoppedWorkloadLeavesItNotRunning() {
        WorkloadSpec spec = snapshotSpec(RestartPolicy.NEVER);
        driver.provision(spec);
        driver.createSnapshot(spec.workloadId(), "v1");
        driver.stop(spec.workloadId(), Duration.ofSeconds(1));

        driver.revertToSnapshot(spec.workloadId(), "v1");

        assertThat(driver.describe(spec.workloadId()).orElseThrow().status()).isEqualTo(ActualState.Status.CREATED);
        driver.start(spec.workloadId());
        assertThat(driver.describe(spec.workloadId()).orElseThrow().status()).isEqualTo(ActualState.Status.RUNNING);
    }

    @Test
    void snapshotInUseIsUntaggedOnDeleteAndItsImageGoesWithTheContainer() {
        WorkloadSpec spec = snapshotSpec(RestartPolicy.NEVER);
        driver.provision(spec);
        driver.createSnapshot(spec.workloadId(), "v1");
        driver.revertToSnapshot(spec.workloadId(), "v1");
        String imageId = inspect(spec).getImageId();

        driver.deleteSnapshot(spec.workloadId(), "v1");

        assertThat(driver.listSnapshots(spec.workloadId())).isEmpty();
        assertThat(docker.inspectImageCmd(imageId).exec().getRepoTags()).as("kept, untagged, while in use").isEmpty();
        driver.delete(spec.workloadId());
        assertThatThrownBy(() -> docker.inspectImageCmd(imageId).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void interruptedRevertIsFinishedByTheNextOne() {
        WorkloadSpec spec = snapshotSpec(RestartPolicy.NEVER);
        driver.provision(spec);
        driver.createSnapshot(spec.workloadId(), "v1");
        // as if a revert stopped after removing the old container, before the rename
        docker.renameContainerCmd(spec.providerName()).withName(spec.providerName() + "-reverting").exec();
        containers.add(spec.providerName() + "-reverting");

        driver.revertToSnapshot(spec.workloadId(), "v1");

        assertThat(inspect(spec).getConfig().getImage()).isEqualTo("berth-snapshots/" + spec.workloadId() + ":v1");
        assertThat(driver.list()).filteredOn(state -> state.workloadId().equals(spec.workloadId())).hasSize(1);
    }

    // ---------------------------------------------------------------- images (defence in depth, issue 13)

    /**
     * Issue 13: a tenant started a container from another tenant's snapshot by a short image-id
     * prefix. Whatever id or prefix reaches the driver — as a registry name or a platform image's
     * artefact — the engine never reads it as an id: no container is created.
     */
    @Test
    void imageIdsAndPrefixesNeverReachTheEngineAsIds() {
        WorkloadSpec victim = snapshotSpec(RestartPolicy.NEVER);
        driver.provision(victim);
        driver.createSnapshot(victim.workloadId(), "secret");
        String id = docker.inspectImageCmd("berth-snapshots/" + victim.workloadId() + ":secret").exec().getId();
        String hex = id.substring("sha256:".length());
        List<ImageSource> ids = List.of(
                new ImageSource.RegistryImage(null, hex.substring(0, 12), null, null),
                new ImageSource.RegistryImage(null, hex, null, null),
                new ImageSource.PlatformImage("prefix", hex.substring(0, 6)),
                new ImageSource.PlatformImage("id", id),
                new ImageSource.PlatformImage("short-id", "sha256:" + hex.substring(0, 4)));

        for (ImageSource image : ids) {
            WorkloadSpec attacker = withImage(spec(RestartPolicy.NEVER), image);

            assertThatThrownBy(() -> driver.provision(attacker)).as(image.display())
                    .isInstanceOf(ProviderException.Permanent.class);
            assertThat(driver.describe(attacker.workloadId())).as("no container from " + image.display()).isEmpty();
        }
    }

    /** Issue 13: another tenant's snapshot image, even named exactly as a SnapshotImage, is refused. */
    @Test
    void snapshotImageOfAnotherTenantIsRefused() {
        WorkloadSpec victim = snapshotSpec(RestartPolicy.NEVER);
        driver.provision(victim);
        String ref = driver.createSnapshot(victim.workloadId(), "secret") == null ? null
                : driver.snapshotImage(victim.workloadId(), "secret").orElseThrow();
        WorkloadSpec attacker = withImage(spec(RestartPolicy.NEVER),
                new ImageSource.SnapshotImage("acme", victim.workloadId(), "secret", ref));

        assertThatThrownBy(() -> driver.provision(attacker)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("not a snapshot of tenant acme");
        assertThat(driver.describe(attacker.workloadId())).isEmpty();
    }

    /** A snapshot repository named as a registry or platform image is Berth's own: refused, even for its tenant. */
    @Test
    void snapshotRepositoryIsUsableOnlyAsASnapshotImage() {
        WorkloadSpec owner = snapshotSpec(RestartPolicy.NEVER);
        driver.provision(owner);
        driver.createSnapshot(owner.workloadId(), "mine");
        String ref = driver.snapshotImage(owner.workloadId(), "mine").orElseThrow();

        for (ImageSource image : List.of(ImageSource.RegistryImage.parse(ref), new ImageSource.PlatformImage("p", ref))) {
            WorkloadSpec sameTenant = withImage(snapshotSpec(RestartPolicy.NEVER), image);
            assertThatThrownBy(() -> driver.provision(sameTenant)).as(image.display())
                    .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("Berth's own namespace");
            assertThat(driver.describe(sameTenant.workloadId())).isEmpty();
        }
    }

    private WorkloadSpec spec(RestartPolicy restartPolicy) {
        UUID id = UUID.randomUUID();
        containers.add(WorkloadSpec.providerName(id));
        return new WorkloadSpec(id, "acme", "web", WorkloadKind.CONTAINER, ImageSource.RegistryImage.parse(LocalDockerEngine.IMAGE),
                List.of("sleep", "3600"), Map.of("GREETING", "hello"), new Resources(500, 64, 0),
                Map.of("team", "payments"), restartPolicy);
    }

    /** Tenant {@code tck}, so {@code docker images --filter label=berth.tenant=tck} shows any leak. */
    private WorkloadSpec snapshotSpec(RestartPolicy restartPolicy) {
        WorkloadSpec spec = spec(restartPolicy);
        snapshotted.add(spec.workloadId());
        return new WorkloadSpec(spec.workloadId(), "tck", spec.name(), spec.kind(), spec.image(), spec.command(),
                spec.env(), spec.resources(), spec.labels(), spec.restartPolicy());
    }

    private static WorkloadSpec withImage(WorkloadSpec s, ImageSource image) {
        return new WorkloadSpec(s.workloadId(), s.tenant(), s.name(), s.kind(), image, s.command(), s.env(),
                s.resources(), s.labels(), s.restartPolicy());
    }

    private InspectContainerResponse inspect(WorkloadSpec spec) {
        return docker.inspectContainerCmd(spec.providerName()).exec();
    }
}
