package dev.berth.provider.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What to run: everything a driver needs to create a workload, already validated and
 * admitted by the broker. {@code workloadId} is the provider-side identity: a driver names
 * and labels the provider object after it, which is what makes {@code provision}
 * idempotent. Every provider object carries the labels/tags {@code berth.tenant} and
 * {@code berth.workload}.
 *
 * @param workloadId    Berth's workload UUID
 * @param tenant        owning tenant slug
 * @param name          tenant-chosen name (informational on the provider side)
 * @param kind          container or VM
 * @param image         container image reference or VM base image
 * @param command       entry command override; empty = image default
 * @param env           environment variables
 * @param resources     limits to apply
 * @param labels        tenant labels, copied onto the provider object (prefixed {@code user.})
 * @param restartPolicy what to do when the main process exits
 */
public record WorkloadSpec(
        UUID workloadId,
        String tenant,
        String name,
        WorkloadKind kind,
        String image,
        List<String> command,
        Map<String, String> env,
        Resources resources,
        Map<String, String> labels,
        RestartPolicy restartPolicy) {

    public static final String LABEL_TENANT = "berth.tenant";
    public static final String LABEL_WORKLOAD = "berth.workload";
    public static final String USER_LABEL_PREFIX = "user.";

    public WorkloadSpec {
        Objects.requireNonNull(workloadId, "workloadId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(resources, "resources");
        name = name == null ? workloadId.toString() : name;
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        restartPolicy = restartPolicy == null ? RestartPolicy.NEVER : restartPolicy;
    }

    /** The provider-side name of the workload's object: its UUID prefixed, stable across retries. */
    public String providerName() {
        return providerName(workloadId);
    }

    public static String providerName(UUID workloadId) {
        return "berth-" + workloadId;
    }
}
