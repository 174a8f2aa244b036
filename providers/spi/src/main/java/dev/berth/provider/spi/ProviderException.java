package dev.berth.provider.spi;

/**
 * Every failure a driver reports, classified so the broker knows what to do next:
 * retry later ({@link Transient}), give up and record the reason ({@link Permanent}), or
 * treat the object as gone ({@link NotFound}). Drivers never let provider-library
 * exceptions escape unclassified.
 */
public abstract sealed class ProviderException extends RuntimeException
        permits ProviderException.Transient, ProviderException.Permanent, ProviderException.NotFound {

    protected ProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Worth retrying: the host was unreachable, busy, timed out. */
    public static final class Transient extends ProviderException {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Retrying the same request cannot succeed: missing image, invalid spec, refused by policy. */
    public static final class Permanent extends ProviderException {
        public Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The workload (or host object) does not exist on the provider. */
    public static final class NotFound extends ProviderException {
        public NotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
