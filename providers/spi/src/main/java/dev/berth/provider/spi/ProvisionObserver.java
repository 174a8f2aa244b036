package dev.berth.provider.spi;

/**
 * Receives what a driver does while it provisions, for the broker to show on the operation.
 * Called on the provisioning thread; implementations must be cheap and never throw. A driver
 * that has nothing to report never calls it.
 */
public interface ProvisionObserver {

    /** Ignores everything. */
    ProvisionObserver NONE = new ProvisionObserver() {
    };

    /** The provision moved on: a new phase, or more of the current one done. */
    default void progress(Progress progress) {
    }

    /**
     * The registry digest ({@code sha256:…}) of the image the workload runs, once the driver
     * knows it (after a pull, or read from the image already on the host). Not called for an
     * image the driver knows no registry digest of (one imported or built on the host).
     */
    default void imageDigest(String digest) {
    }
}
