package dev.berth.broker.workloads;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.placement.PlacementExplanation;
import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;

/**
 * A workload as stored.
 *
 * @param holdsResources    whether its quota usage and host allocation are currently held
 * @param monthlyCostMicros what admission charged against the tenant's monthly budget (refunded on release)
 * @param burst             why it was placed on a public host it did not ask for; null when it did not burst
 * @param image             the image as the tenant wrote it (shown back, read by policies)
 * @param resolvedImage     what admission resolved {@code image} to on the chosen host: all the driver ever gets
 * @param observed          what the provider last reported
 * @param restarts          desired state and Berth's restart bookkeeping
 * @param imagePull         how its registry image is pulled, and the digest its host reported
 */
public record Workload(
        UUID id,
        String tenant,
        String name,
        WorkloadKind kind,
        String kindReason,
        Isolation isolation,
        VmOptions vm,
        String image,
        List<String> command,
        Map<String, String> env,
        Map<String, String> labels,
        RestartPolicy restartPolicy,
        Resources resources,
        PlacementHints placement,
        WorkloadStatus status,
        String statusReason,
        UUID hostId,
        String providerHandle,
        boolean holdsResources,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long monthlyCostMicros,
        PlacementExplanation.Burst burst,
        ImageSource resolvedImage,
        Observation observed,
        Restarts restarts,
        ImagePull imagePull) {

    public Workload {
        observed = observed == null ? Observation.NONE : observed;
        restarts = restarts == null ? Restarts.NONE : restarts;
        imagePull = imagePull == null ? ImagePull.DEFAULT : imagePull;
    }

    /**
     * What the driver gets; a VM's user data and SSH keys go with it (the driver hands them to
     * cloud-init). The one place stored user data is decrypted.
     */
    public WorkloadSpec spec() {
        boolean guestInit = kind == WorkloadKind.VM && vm != null;
        return new WorkloadSpec(id, tenant, name, kind, resolvedImage, command, env, resources, labels, restartPolicy,
                guestInit && vm.userData() != null ? vm.userData().reveal() : null, guestInit ? vm.sshKeys() : List.of())
                .withPullPolicy(imagePull.policy());
    }
}
