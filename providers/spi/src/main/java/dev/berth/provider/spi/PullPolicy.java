package dev.berth.provider.spi;

/**
 * When a driver that pulls container images from a registry (Docker) fetches a workload's
 * {@link ImageSource.RegistryImage}. Applies to registry references only: platform images and
 * snapshots are never pulled (their artefacts are placed on the host by an admin or by Berth).
 * Drivers that cannot pull (or always pull, like Fargate) ignore it.
 */
public enum PullPolicy {
    /** Pull only when the host does not hold the reference; a present image never contacts the registry. */
    IF_NOT_PRESENT,
    /** Pull every time the workload is provisioned (a moving tag gets its newest image). */
    ALWAYS,
    /** Never pull: an image missing on the host fails the provision (Berth's behaviour before pulls). */
    NEVER
}
