package dev.berth.provider.docker;

import dev.berth.provider.spi.WorkloadLocks;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Info;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ChangeNotifying;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.ImageSource.RegistryImage;
import dev.berth.provider.spi.Progress;
import dev.berth.provider.spi.ProvisionObserver;
import dev.berth.provider.spi.PullPolicy;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.SnapshotCapable;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A Docker engine as a placement target. The container name {@code berth-<uuid>} is the
 * workload's identity on the host: Docker refuses a second container of that name, which
 * makes provisioning idempotent even when several broker workers race. A registry image is
 * pulled as the spec's {@link PullPolicy} says ({@link ImagePulls}); platform images and
 * snapshots never are. Thread-safe: docker-java clients are. What image a container starts from is decided by
 * {@link ContainerImages} (no image ids, nothing of Berth's own but the tenant's own snapshot).
 *
 * <p>Snapshots ({@link SnapshotCapable}) are images committed from the container, tagged
 * {@code berth-snapshots/<workloadId>:<snapshotName>}. Unlike VM snapshots they
 * <b>outlive the workload</b>: {@link #delete} leaves them, which is what lets the broker
 * restore a deleted workload from a backup ({@link #snapshotImage} names the image to
 * provision a new workload from); the broker deletes them explicitly with
 * {@link #deleteSnapshot}.
 */
public final class DockerDriver implements ProviderDriver, SnapshotCapable, ChangeNotifying {

    /** How long a lost create race may take to show the winner's container. */
    private static final Duration RACE_SETTLE = Duration.ofSeconds(10);
    private static final Duration RACE_POLL = Duration.ofMillis(50);

    private final DockerOptions options;
    private final DockerClient docker;
    private final DockerClient probeClient;
    private final DockerErrors errors;
    private final ImagePulls pulls;
    private final WorkloadLocks locks = new WorkloadLocks();

    DockerDriver(DockerOptions options, DockerClient docker, DockerClient probeClient) {
        this.options = options;
        this.docker = docker;
        this.probeClient = probeClient;
        this.errors = new DockerErrors(options.endpoint().toString());
        this.pulls = new ImagePulls(docker, options.endpoint().toString(), options.pullTimeout());
    }

    /**
     * CPU and memory as the engine reports them; disk from the data root's filesystem where the
     * broker can see it ({@link EngineDisk}), otherwise unmeasured (0, not a limit).
     */
    @Override
    public HostInventory inventory() {
        Info info = call("read engine info", () -> docker.infoCmd().exec());
        long milliCpu = info.getNCPU() == null ? 0 : info.getNCPU() * 1000L;
        long memoryMiB = info.getMemTotal() == null ? 0 : info.getMemTotal() / ContainerSpecs.BYTES_PER_MIB;
        Map<String, String> facts = new TreeMap<>();
        putFact(facts, "os", info.getOperatingSystem());
        putFact(facts, "osType", info.getOsType());
        putFact(facts, "architecture", info.getArchitecture());
        putFact(facts, "kernelVersion", info.getKernelVersion());
        putFact(facts, "storageDriver", info.getDriver());
        putFact(facts, "networkMode", options.networkMode());
        EngineDisk disk = EngineDisk.of(options.endpoint(), info.getDockerRootDir());
        putFact(facts, "dockerRootDir", info.getDockerRootDir());
        putFact(facts, "disk", disk.detail());
        // Containers' own disk requests are not limited by the driver (no --storage-opt size):
        // overlay2 enforces it only on xfs with project quotas, which Berth does not require.
        putFact(facts, "containerDiskLimit", "not enforced");
        return new HostInventory(new Resources(milliCpu, memoryMiB, disk.capacityGiB()), Set.of(WorkloadKind.CONTAINER),
                String.valueOf(info.getServerVersion()), facts, disk.measured());
    }

    @Override
    public HostHealth probe() {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        try {
            probeClient.pingCmd().exec();
            return new HostHealth(true, "engine answered ping", elapsedSince(started), checkedAt);
        } catch (RuntimeException e) {
            return new HostHealth(false, "ping failed: " + DockerErrors.reason(e), elapsedSince(started), checkedAt);
        }
    }

    @Override
    public ActualState provision(WorkloadSpec spec) {
        return provision(spec, ProvisionObserver.NONE);
    }

    /** Reports pull progress, then {@code starting}, and the registry digest of the image the container runs. */
    @Override
    public ActualState provision(WorkloadSpec spec, ProvisionObserver observer) {
        if (spec.kind() != WorkloadKind.CONTAINER) {
            throw new ProviderException.Permanent("docker hosts run containers only, not " + spec.kind(), null);
        }
        String name = spec.providerName();
        InspectContainerResponse container = inspect(name).orElseGet(() -> create(spec, observer));
        requireOwnedBy(container, spec.workloadId());
        reportDigest(spec, container, observer);
        if (!Boolean.TRUE.equals(container.getState().getRunning())) {
            observer.progress(Progress.phase(Progress.STARTING));
            start(spec.workloadId());
        }
        return describe(spec.workloadId()).orElseThrow(() -> new ProviderException.Transient(
                "docker " + options.endpoint() + ": " + name + " disappeared while being provisioned", null));
    }

    @Override
    public void start(UUID workloadId) {
        String name = WorkloadSpec.providerName(workloadId);
        run("start " + name, () -> docker.startContainerCmd(name).exec());
    }

    /** Grace is capped at the response timeout minus 10 s, so the engine call itself cannot time out. */
    @Override
    public void stop(UUID workloadId, Duration grace) {
        String name = WorkloadSpec.providerName(workloadId);
        run("stop " + name, () -> docker.stopContainerCmd(name).withTimeout(graceSeconds(grace)).exec());
    }

    @Override
    public void restart(UUID workloadId, Duration grace) {
        String name = WorkloadSpec.providerName(workloadId);
        run("restart " + name, () -> docker.restartContainerCmd(name).withTimeout(graceSeconds(grace)).exec());
    }

    /**
     * Force-removes the container and its anonymous volumes; a missing container is success.
     * Snapshot images are kept (see the class comment); only a snapshot image that has lost
     * its last tag and was still used by this container (reverted to, then its snapshot
     * deleted) is removed with it, as is the leftover of an interrupted revert.
     */
    @Override
    public void delete(UUID workloadId) {
        String name = WorkloadSpec.providerName(workloadId);
        locks.with(workloadId, () -> {
            Optional<String> imageId = inspect(name).map(InspectContainerResponse::getImageId);
            removeContainer(name);
            removeContainer(name + ContainerSnapshots.REVERTING_SUFFIX);
            imageId.ifPresent(this::pruneOrphanedSnapshot);
        });
    }

    private void removeContainer(String name) {
        try {
            docker.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // idempotent delete
        } catch (ConflictException removalInProgress) {
            // Another worker is removing it right now: done once it is gone.
            boolean gone = poll(() -> inspect(name).isEmpty() ? Optional.of(true) : Optional.empty()).isPresent();
            if (!gone) {
                throw errors.classify("delete " + name, removalInProgress);
            }
        } catch (RuntimeException e) {
            throw errors.classify("delete " + name, e);
        }
    }

    @Override
    public Optional<ActualState> describe(UUID workloadId) {
        return inspect(WorkloadSpec.providerName(workloadId))
                .map(container -> ContainerStates.fromInspect(workloadId, container));
    }

    /** Every container labelled {@code berth.workload}, stopped ones included; limits are not read here. */
    @Override
    public List<ActualState> list() {
        return call("list containers", () -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(WorkloadSpec.LABEL_WORKLOAD))
                .exec())
                .stream()
                .flatMap(container -> ContainerStates.fromSummary(container).stream())
                .toList();
    }

    /** The engine's {@code /events} stream, container events of Berth-labelled containers only. */
    @Override
    public AutoCloseable watch(java.util.function.Consumer<UUID> onChange, java.util.function.Consumer<Throwable> onEnd) {
        return ContainerEvents.watch(docker, onChange, onEnd);
    }

    @Override
    public void close() {
        closeQuietly(docker);
        closeQuietly(probeClient);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // Nothing to recover: the connections are dropped either way.
        }
    }

    // ---------------------------------------------------------------- snapshots (SnapshotCapable)

    /**
     * Commits the container (paused while it is copied) to
     * {@code berth-snapshots/<workloadId>:<snapshotName>}, labelled {@code berth.tenant},
     * {@code berth.workload} and {@code berth.snapshot}. Idempotent by name: an existing tag
     * is returned as it is, even if the container is gone by now. NotFound if there is no
     * such tag and no container; Permanent for a name outside {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}.
     */
    @Override
    public ProviderSnapshot createSnapshot(UUID workloadId, String snapshotName) {
        ContainerSnapshots.requireValidName(snapshotName);
        String ref = ContainerSnapshots.reference(workloadId, snapshotName);
        return locks.with(workloadId, () -> {
            Optional<InspectImageResponse> existing = inspectImage(ref);
            if (existing.isPresent()) {
                return ContainerSnapshots.toSnapshot(snapshotName, requireSnapshotOf(existing.get(), workloadId, ref));
            }
            String name = WorkloadSpec.providerName(workloadId);
            InspectContainerResponse container = requireContainer(name, "snapshot");
            requireOwnedBy(container, workloadId);
            String tenant = container.getConfig().getLabels().getOrDefault(WorkloadSpec.LABEL_TENANT, "");
            call("commit " + name + " as " + ref, () -> docker.commitCmd(container.getId())
                    .withRepository(ContainerSnapshots.repository(workloadId))
                    .withTag(snapshotName)
                    .withLabels(ContainerSnapshots.labels(tenant, workloadId, snapshotName))
                    .withMessage("Berth snapshot " + snapshotName)
                    .withPause(true)
                    .exec());
            return ContainerSnapshots.toSnapshot(snapshotName, inspectImage(ref).orElseThrow(() ->
                    new ProviderException.Transient("docker " + options.endpoint() + ": " + ref
                            + " vanished right after commit", null)));
        });
    }

    /**
     * The workload's snapshot images, oldest first (by the image's creation time, ties by
     * name). Does <b>not</b> require the container: snapshots outlive it, so this also lists
     * the snapshots of a deleted workload; a workload that never had any yields an empty list.
     */
    @Override
    public List<ProviderSnapshot> listSnapshots(UUID workloadId) {
        String repository = ContainerSnapshots.repository(workloadId);
        List<Image> images = call("list snapshots of " + WorkloadSpec.providerName(workloadId),
                () -> docker.listImagesCmd().withReferenceFilter(repository).exec());
        Map<String, InspectImageResponse> byId = new LinkedHashMap<>();
        List<ProviderSnapshot> snapshots = new ArrayList<>();
        for (Image image : images) {
            for (String repoTag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                Optional<String> snapshotName = ContainerSnapshots.snapshotName(workloadId, repoTag);
                if (snapshotName.isEmpty()) {
                    continue;
                }
                Optional<InspectImageResponse> inspected = byId.containsKey(image.getId())
                        ? Optional.of(byId.get(image.getId())) : inspectImage(image.getId()); // deleted meanwhile: skipped
                inspected.filter(i -> ContainerSnapshots.isSnapshotOf(i, workloadId)).ifPresent(i -> {
                    byId.put(image.getId(), i);
                    snapshots.add(ContainerSnapshots.toSnapshot(snapshotName.get(), i));
                });
            }
        }
        snapshots.sort(Comparator.comparing(ProviderSnapshot::createdAt).thenComparing(ProviderSnapshot::name));
        return snapshots;
    }

    /**
     * Replaces the container by one created from the snapshot image, with the same name,
     * labels, env, command, limits, restart policy and network mode (read from the current
     * container's inspect) — so the workload keeps its identity, only its handle (container id)
     * changes. It is started if the old one was running; otherwise it is left CREATED. The
     * new container is created first (under {@code berth-<uuid>-reverting}), so a failure
     * there leaves the workload untouched; then the old one is force-removed (its state is
     * being discarded anyway) and the new one renamed. NotFound for an unknown workload or snapshot.
     */
    @Override
    public void revertToSnapshot(UUID workloadId, String snapshotName) {
        ContainerSnapshots.requireValidName(snapshotName);
        String ref = ContainerSnapshots.reference(workloadId, snapshotName);
        String name = WorkloadSpec.providerName(workloadId);
        String temporary = name + ContainerSnapshots.REVERTING_SUFFIX;
        locks.with(workloadId, () -> {
            finishInterruptedRevert(workloadId, name, temporary);
            InspectContainerResponse old = requireContainer(name, "revert");
            requireOwnedBy(old, workloadId);
            requireSnapshotOf(inspectImage(ref).orElseThrow(() -> new ProviderException.NotFound("docker "
                    + options.endpoint() + ": " + name + " has no snapshot " + snapshotName + " (no image " + ref + ")",
                    null)), workloadId, ref);
            boolean wasRunning = old.getState() != null && Boolean.TRUE.equals(old.getState().getRunning());

            removeContainer(temporary); // left over by an interrupted revert
            String created = call("create " + temporary + " from " + ref, () -> ContainerSnapshots
                    .recreate(docker.createContainerCmd(ref), old, temporary).exec().getId());
            try {
                removeContainer(old.getId());
            } catch (ProviderException e) {
                removeQuietly(created); // the old container is still the workload
                throw e;
            }
            // If this fails, the next revert of this workload finishes the rename first.
            call("rename " + temporary + " to " + name, () -> docker.renameContainerCmd(created).withName(name).exec());
            if (wasRunning) {
                start(workloadId);
            }
            pruneOrphanedSnapshot(old.getImageId());
        });
    }

    /**
     * Removes the tag; a missing tag (or workload) is success. If a container still runs
     * from the image (after a revert), only the tag goes; the image itself is removed when
     * that container is deleted or reverted again.
     */
    @Override
    public void deleteSnapshot(UUID workloadId, String snapshotName) {
        ContainerSnapshots.requireValidName(snapshotName);
        String ref = ContainerSnapshots.reference(workloadId, snapshotName);
        locks.with(workloadId, () -> {
            Optional<InspectImageResponse> image = inspectImage(ref);
            if (image.isEmpty()) {
                return;
            }
            requireSnapshotOf(image.get(), workloadId, ref);
            try {
                // force on a tag reference only untags when a container uses the image
                docker.removeImageCmd(ref).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // deleted meanwhile
            } catch (RuntimeException e) {
                throw errors.classify("delete snapshot image " + ref, e);
            }
        });
    }

    /**
     * The image reference ({@code berth-snapshots/<workloadId>:<snapshotName>}) of an existing
     * snapshot, whether or not the workload still exists: provisioning a new workload with
     * this image restores a deleted one from its backup. Empty if there is no such snapshot;
     * Permanent for an invalid name. A container created from it inherits the image's labels
     * (the source workload's {@code user.*} ones and {@code berth.snapshot}); Berth's identity
     * labels are overwritten by the new workload's.
     */
    @Override
    public Optional<String> restorableImage(UUID workloadId, String snapshotName) {
        return snapshotImage(workloadId, snapshotName);
    }

    public Optional<String> snapshotImage(UUID workloadId, String snapshotName) {
        ContainerSnapshots.requireValidName(snapshotName);
        String ref = ContainerSnapshots.reference(workloadId, snapshotName);
        return inspectImage(ref).filter(image -> ContainerSnapshots.isSnapshotOf(image, workloadId)).map(image -> ref);
    }

    /** A revert that stopped between removing the old container and renaming the new one. */
    private void finishInterruptedRevert(UUID workloadId, String name, String temporary) {
        if (inspect(name).isPresent()) {
            return;
        }
        Optional<InspectContainerResponse> leftover = inspect(temporary);
        if (leftover.isPresent()) {
            requireOwnedBy(leftover.get(), workloadId);
            call("rename " + temporary + " to " + name,
                    () -> docker.renameContainerCmd(leftover.get().getId()).withName(name).exec());
        }
    }

    private InspectContainerResponse requireContainer(String name, String action) {
        return inspect(name).orElseThrow(() -> new ProviderException.NotFound("docker " + options.endpoint() + ": "
                + action + " " + name + ": no such container", null));
    }

    private InspectImageResponse requireSnapshotOf(InspectImageResponse image, UUID workloadId, String ref) {
        if (!ContainerSnapshots.isSnapshotOf(image, workloadId)) {
            throw new ProviderException.Permanent("docker " + options.endpoint() + ": image " + ref
                    + " exists but is not a Berth snapshot of workload " + workloadId, null);
        }
        return image;
    }

    /** Best effort: a snapshot image without tags that no container uses any more is removed. */
    private void pruneOrphanedSnapshot(String imageId) {
        try {
            Optional<InspectImageResponse> image = inspectImage(imageId);
            if (image.isPresent() && ContainerSnapshots.isOrphanedSnapshot(image.get())) {
                docker.removeImageCmd(imageId).exec();
            }
        } catch (RuntimeException stillUsedOrGone) {
            // Another container uses it (a workload restored from it), or it is gone: nothing to do.
        }
    }

    private void removeQuietly(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            // Cleanup after a failure that is already being reported.
        }
    }

    // ---------------------------------------------------------------- provision steps

    private InspectContainerResponse create(WorkloadSpec spec, ProvisionObserver observer) {
        String name = spec.providerName();
        String image = ContainerImages.reference(spec);
        ContainerImages.requireUsable(spec, present(spec, image, observer));
        observer.progress(Progress.phase(Progress.STARTING));
        try {
            ContainerSpecs.configure(docker.createContainerCmd(image), spec, options.networkMode()).exec();
        } catch (ConflictException nameTaken) {
            // A concurrent provision of the same workload won; adopt its container.
            return awaitContainer(name, nameTaken);
        } catch (NotFoundException imageRemovedMeanwhile) {
            throw errors.imageMissing(image, "removed from the host while the container was being created");
        } catch (RuntimeException e) {
            throw errors.classify("create " + name, e);
        }
        return inspect(name).orElseThrow(() -> new ProviderException.Transient(
                "docker " + options.endpoint() + ": " + name + " vanished right after create", null));
    }

    /**
     * The image to create the container from, pulled first when the policy asks for it: a
     * registry image under {@code ALWAYS}, or under {@code IF_NOT_PRESENT} when the host lacks
     * it (a present image never contacts the registry). Platform images and snapshots are never pulled.
     */
    private InspectImageResponse present(WorkloadSpec spec, String image, ProvisionObserver observer) {
        Optional<RegistryImage> registry = spec.image().asRegistry();
        boolean always = registry.isPresent() && spec.pullPolicy() == PullPolicy.ALWAYS;
        Optional<InspectImageResponse> onHost = always ? Optional.empty() : inspectImage(image);
        if (onHost.isEmpty() && registry.isPresent() && spec.pullPolicy() != PullPolicy.NEVER) {
            pulls.pull(registry.get(), observer);
            onHost = inspectImage(image);
        }
        return onHost.orElseThrow(() -> errors.imageMissing(image, registry.isEmpty()
                ? "platform images and snapshots are placed on hosts, never pulled"
                : "pull policy NEVER: load it onto the host first, or create with pull policy IF_NOT_PRESENT"));
    }

    /** The registry digest of the image the container runs, when the engine knows one. */
    private void reportDigest(WorkloadSpec spec, InspectContainerResponse container, ProvisionObserver observer) {
        Optional<RegistryImage> registry = spec.image().asRegistry();
        if (registry.isEmpty() || container.getImageId() == null) {
            return;
        }
        inspectImage(container.getImageId()).flatMap(i -> ImagePulls.digestOf(registry.get(), i)).ifPresent(observer::imageDigest);
    }

    /** The engine reserves a name before the container is inspectable, so the loser polls briefly. */
    private InspectContainerResponse awaitContainer(String name, ConflictException conflict) {
        return poll(() -> inspect(name)).orElseThrow(() -> errors.classify("create " + name, conflict));
    }

    private static void requireOwnedBy(InspectContainerResponse container, UUID workloadId) {
        Map<String, String> labels = container.getConfig() == null ? null : container.getConfig().getLabels();
        String owner = labels == null ? null : labels.get(WorkloadSpec.LABEL_WORKLOAD);
        if (!workloadId.toString().equals(owner)) {
            throw new ProviderException.Permanent("container name " + WorkloadSpec.providerName(workloadId)
                    + " is taken by a container Berth did not create (berth.workload=" + owner + ")", null);
        }
    }

    // ---------------------------------------------------------------- engine calls

    private Optional<InspectContainerResponse> inspect(String name) {
        try {
            return Optional.of(docker.inspectContainerCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw errors.classify("inspect " + name, e);
        }
    }

    private Optional<InspectImageResponse> inspectImage(String image) {
        try {
            return Optional.of(docker.inspectImageCmd(image).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw errors.classify("inspect image " + image, e);
        }
    }

    private <T> T call(String action, Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (RuntimeException e) {
            throw errors.classify(action, e);
        }
    }

    /** Runs a state change; "already in that state" (HTTP 304) is success. */
    private void run(String action, Runnable engineCall) {
        try {
            engineCall.run();
        } catch (NotModifiedException alreadyThere) {
            // start of a running / stop of a stopped container
        } catch (RuntimeException e) {
            throw errors.classify(action, e);
        }
    }

    private int graceSeconds(Duration grace) {
        Duration capped = grace.compareTo(options.maxGrace()) > 0 ? options.maxGrace() : grace;
        return (int) Math.max(0, capped.toSeconds());
    }

    /** Repeats {@code attempt} until it yields a value or {@link #RACE_SETTLE} passes. */
    private static <T> Optional<T> poll(Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + RACE_SETTLE.toNanos();
        while (true) {
            Optional<T> result = attempt.get();
            if (result.isPresent() || System.nanoTime() > deadline) {
                return result;
            }
            try {
                Thread.sleep(RACE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static Duration elapsedSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static void putFact(Map<String, String> facts, String key, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(key, value);
        }
    }
}
