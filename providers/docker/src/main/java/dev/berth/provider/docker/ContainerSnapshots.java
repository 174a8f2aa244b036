package dev.berth.provider.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a snapshot is kept on a Docker host: an image committed from the workload's container,
 * tagged {@code berth-snapshots/<workloadId>:<snapshotName>} and labelled
 * {@code berth.tenant}, {@code berth.workload}, {@code berth.snapshot}; and how a container
 * is re-created from one with the configuration of the container it replaces.
 */
final class ContainerSnapshots {

    static final String REPOSITORY_PREFIX = "berth-snapshots/";
    static final String LABEL_SNAPSHOT = "berth.snapshot";
    /** Suffix of the container a revert builds before it takes the workload's name. */
    static final String REVERTING_SUFFIX = "-reverting";

    /**
     * A valid Docker tag (which allows up to 128 characters) that is also safe in a file name
     * and a URL; the same rule as the libvirt driver's. Nothing that could turn the image
     * reference into another one ({@code @}, {@code :}, {@code /}) gets through.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ContainerSnapshots() {
    }

    static String requireValidName(String snapshotName) {
        if (snapshotName == null || !NAME.matcher(snapshotName).matches()) {
            throw new ProviderException.Permanent("snapshot name must match " + NAME.pattern() + ", got '"
                    + snapshotName + "'", null);
        }
        return snapshotName;
    }

    /** {@code berth-snapshots/<uuid>}: lower-case, as Docker requires of repository names. */
    static String repository(UUID workloadId) {
        return REPOSITORY_PREFIX + workloadId;
    }

    static String reference(UUID workloadId, String snapshotName) {
        return repository(workloadId) + ":" + snapshotName;
    }

    /** The snapshot name if {@code repoTag} is a tag of this workload's repository. */
    static Optional<String> snapshotName(UUID workloadId, String repoTag) {
        String prefix = repository(workloadId) + ":";
        return repoTag != null && repoTag.startsWith(prefix) ? Optional.of(repoTag.substring(prefix.length()))
                : Optional.empty();
    }

    static Map<String, String> labels(String tenant, UUID workloadId, String snapshotName) {
        return Map.of(WorkloadSpec.LABEL_TENANT, tenant, WorkloadSpec.LABEL_WORKLOAD, workloadId.toString(),
                LABEL_SNAPSHOT, snapshotName);
    }

    /** True if the image carries the labels Berth put on this workload's snapshots. */
    static boolean isSnapshotOf(InspectImageResponse image, UUID workloadId) {
        Map<String, String> labels = imageLabels(image);
        return workloadId.toString().equals(labels.get(WorkloadSpec.LABEL_WORKLOAD)) && labels.containsKey(LABEL_SNAPSHOT);
    }

    /** A committed Berth snapshot image that no tag names any more (its snapshot was deleted). */
    static boolean isOrphanedSnapshot(InspectImageResponse image) {
        return imageLabels(image).containsKey(LABEL_SNAPSHOT)
                && (image.getRepoTags() == null || image.getRepoTags().isEmpty());
    }

    /** Same answer from create and list: Docker keeps nanoseconds, so the order is exact. */
    static ProviderSnapshot toSnapshot(String snapshotName, InspectImageResponse image) {
        String id = String.valueOf(image.getId());
        String shortId = id.startsWith("sha256:") ? id.substring(7, Math.min(id.length(), 19)) : id;
        long size = image.getSize() == null ? 0 : image.getSize();
        return new ProviderSnapshot(snapshotName, createdAt(image.getCreated()),
                "image " + shortId + ", " + size + " bytes");
    }

    /**
     * Fills a create command that rebuilds {@code old} from a snapshot image under
     * {@code name}: the same labels (identity included), env, entrypoint, command, user,
     * working directory, limits, restart policy and network mode, read from the old
     * container's inspect, so a revert needs no spec. Keep in step with
     * {@link ContainerSpecs#configure}: whatever it sets must be copied here.
     */
    static CreateContainerCmd recreate(CreateContainerCmd create, InspectContainerResponse old, String name) {
        ContainerConfig config = old.getConfig();
        create.withName(name);
        if (config != null) {
            if (config.getLabels() != null) {
                create.withLabels(config.getLabels());
            }
            if (config.getEnv() != null) {
                create.withEnv(config.getEnv());
            }
            if (config.getEntrypoint() != null) {
                create.withEntrypoint(config.getEntrypoint());
            }
            if (config.getCmd() != null) {
                create.withCmd(config.getCmd());
            }
            if (config.getUser() != null && !config.getUser().isEmpty()) {
                create.withUser(config.getUser());
            }
            if (config.getWorkingDir() != null && !config.getWorkingDir().isEmpty()) {
                create.withWorkingDir(config.getWorkingDir());
            }
        }
        return create.withHostConfig(hostConfig(old.getHostConfig()));
    }

    private static HostConfig hostConfig(HostConfig old) {
        HostConfig host = HostConfig.newHostConfig();
        if (old == null) {
            return host;
        }
        host.withNetworkMode(old.getNetworkMode()).withRestartPolicy(old.getRestartPolicy());
        if (old.getNanoCPUs() != null && old.getNanoCPUs() > 0) {
            host.withNanoCPUs(old.getNanoCPUs());
        }
        if (old.getMemory() != null && old.getMemory() > 0) {
            host.withMemory(old.getMemory());
        }
        if (old.getMemorySwap() != null && old.getMemorySwap() != 0) {
            host.withMemorySwap(old.getMemorySwap());
        }
        return host;
    }

    private static Map<String, String> imageLabels(InspectImageResponse image) {
        ContainerConfig config = image.getConfig();
        return config == null || config.getLabels() == null ? Map.of() : config.getLabels();
    }

    private static Instant createdAt(String created) {
        if (created == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(created);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
