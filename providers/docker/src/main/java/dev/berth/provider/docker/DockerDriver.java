package dev.berth.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Info;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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
 * makes provisioning idempotent even when several broker workers race. Never pulls images.
 * Thread-safe: docker-java clients are.
 */
public final class DockerDriver implements ProviderDriver {

    /** How long a lost create race may take to show the winner's container. */
    private static final Duration RACE_SETTLE = Duration.ofSeconds(10);
    private static final Duration RACE_POLL = Duration.ofMillis(50);

    private final DockerOptions options;
    private final DockerClient docker;
    private final DockerClient probeClient;
    private final DockerErrors errors;

    DockerDriver(DockerOptions options, DockerClient docker, DockerClient probeClient) {
        this.options = options;
        this.docker = docker;
        this.probeClient = probeClient;
        this.errors = new DockerErrors(options.endpoint().toString());
    }

    /** Docker does not report disk capacity cheaply, so {@code diskGiB} is 0 (unknown). */
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
        return new HostInventory(new Resources(milliCpu, memoryMiB, 0), Set.of(WorkloadKind.CONTAINER),
                String.valueOf(info.getServerVersion()), facts);
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
        if (spec.kind() != WorkloadKind.CONTAINER) {
            throw new ProviderException.Permanent("docker hosts run containers only, not " + spec.kind(), null);
        }
        String name = spec.providerName();
        InspectContainerResponse container = inspect(name).orElseGet(() -> create(spec));
        requireOwnedBy(container, spec.workloadId());
        if (!Boolean.TRUE.equals(container.getState().getRunning())) {
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

    /** Force-removes the container and its anonymous volumes; a missing container is success. */
    @Override
    public void delete(UUID workloadId) {
        String name = WorkloadSpec.providerName(workloadId);
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

    // ---------------------------------------------------------------- provision steps

    private InspectContainerResponse create(WorkloadSpec spec) {
        String name = spec.providerName();
        if (!imagePresent(spec.image())) {
            throw errors.imageMissing(spec.image());
        }
        try {
            ContainerSpecs.configure(docker.createContainerCmd(spec.image()), spec, options.networkMode()).exec();
        } catch (ConflictException nameTaken) {
            // A concurrent provision of the same workload won; adopt its container.
            return awaitContainer(name, nameTaken);
        } catch (NotFoundException imageRemovedMeanwhile) {
            throw errors.imageMissing(spec.image());
        } catch (RuntimeException e) {
            throw errors.classify("create " + name, e);
        }
        return inspect(name).orElseThrow(() -> new ProviderException.Transient(
                "docker " + options.endpoint() + ": " + name + " vanished right after create", null));
    }

    private boolean imagePresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw errors.classify("inspect image " + image, e);
        }
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
