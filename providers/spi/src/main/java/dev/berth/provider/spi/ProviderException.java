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
    public static sealed class Permanent extends ProviderException permits EndpointRefused, ImagePullFailed {
        public Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A host's endpoint (or an option naming a network endpoint, such as AWS's
     * {@code endpointOverride}) is malformed, unsafe or outside the {@link DestinationPolicy}:
     * thrown by {@link ProviderDriverFactory#open} before anything connects. The message names
     * what is wrong but never repeats the endpoint, which may carry a password.
     */
    public static final class EndpointRefused extends Permanent {
        private final String field;

        /**
         * @param field  {@code endpoint}, or the option key holding the endpoint (e.g. {@code endpointOverride})
         * @param reason why, in words an admin can act on; never the endpoint itself
         */
        public EndpointRefused(String field, String reason) {
            super(reason, null);
            this.field = field;
        }

        /** {@code endpoint}, or the option key that holds the refused endpoint. */
        public String field() {
            return field;
        }
    }

    /** The workload (or host object) does not exist on the provider. */
    public static final class NotFound extends ProviderException {
        public NotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A container image could not be pulled from its registry, classified so the broker can
     * tell the tenant what to fix. Permanent: the operation fails (a tenant retries by creating
     * again once the registry, the reference or the credentials are right).
     */
    public static final class ImagePullFailed extends Permanent {
        private final PullFailure failure;

        public ImagePullFailed(PullFailure failure, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
        }

        public PullFailure failure() {
            return failure;
        }
    }

    /** Why an image pull failed. */
    public enum PullFailure {
        /** The registry has no such repository, tag or digest. */
        NOT_FOUND,
        /** The registry refused the pull: credentials missing or wrong. */
        UNAUTHORIZED,
        /** The registry could not be reached (refused, reset, no such host, not speaking the protocol). */
        REGISTRY_UNREACHABLE,
        /** The pull did not finish in time. */
        TIMEOUT
    }
}
