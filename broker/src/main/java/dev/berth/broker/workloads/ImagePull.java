package dev.berth.broker.workloads;

import dev.berth.provider.spi.PullPolicy;

/**
 * How a workload's registry image gets onto its host, and what the host pulled.
 *
 * @param policy the tenant's pull policy (API {@code imagePullPolicy}; default {@code IfNotPresent})
 * @param digest the registry digest ({@code sha256:…}) of the image the workload runs, once its
 *               host reported one; null before, and for images without one (platform images
 *               imported on the host, snapshots)
 */
public record ImagePull(PullPolicy policy, String digest) {

    public static final ImagePull DEFAULT = new ImagePull(PullPolicy.IF_NOT_PRESENT, null);

    public ImagePull {
        policy = policy == null ? PullPolicy.IF_NOT_PRESENT : policy;
    }
}
