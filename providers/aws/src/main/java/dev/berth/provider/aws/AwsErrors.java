package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns AWS SDK failures into the SPI's three classes, once, so the driver never lets an SDK
 * exception escape. By the time an exception gets here the SDK has already retried what is
 * worth retrying (see {@link AwsClients}), so:
 * <ul>
 *   <li>throttling, capacity shortages, AWS-side errors (5xx), an instance in a transitional
 *       state, timeouts and I/O failures → Transient (the broker retries later);</li>
 *   <li>{@code *.NotFound} and "no such task/cluster object" → NotFound;</li>
 *   <li>authentication and authorization ({@code AuthFailure}, {@code UnauthorizedOperation},
 *       {@code AccessDenied*}, unrecognised or expired credentials), validation
 *       ({@code InvalidParameter*}, {@code ValidationException}, {@code ClientException}),
 *       account limits and anything unrecognised → Permanent, with AWS's own message.</li>
 * </ul>
 * Messages read {@code aws <region>: <action>: <Code>: <AWS message> (HTTP <status>)}.
 */
final class AwsErrors {

    /** EC2 codes that mean "no capacity for this type here now": try another type or zone. */
    static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientCapacity",
            "InsufficientHostCapacity", "InsufficientReservedInstanceCapacity", "Unsupported");

    private static final Set<String> AUTH = Set.of("AuthFailure", "UnauthorizedOperation", "AccessDenied",
            "AccessDeniedException", "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch",
            "IncompleteSignature", "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException",
            "RequestExpired", "OptInRequired", "Blocked", "PendingVerification", "InvalidSignatureException");

    private static final Set<String> TRANSIENT = Set.of("IncorrectInstanceState", "IncorrectState",
            "InternalError", "InternalFailure", "ServerException", "ServiceUnavailable", "Unavailable",
            "ResourceInUse", "UpdateInProgressException");

    private static final Set<String> NOT_FOUND_ECS_MESSAGES = Set.of("Unable to describe task definition.",
            "The referenced task was not found.");

    private final String target;

    AwsErrors(String target) {
        this.target = target;
    }

    /** Classifies a failure of {@code action} (e.g. "stop i-0abc") on this target. */
    ProviderException classify(String action, RuntimeException e) {
        if (e instanceof ProviderException classified) {
            return classified;
        }
        String message = target + ": " + action + ": " + reason(e);
        if (e instanceof AwsServiceException aws) {
            String code = code(aws);
            if (AUTH.contains(code) || aws.statusCode() == 401 || aws.statusCode() == 403) {
                return new ProviderException.Permanent(message + " — AWS refused the credentials or their "
                        + "permissions; check the host's credentials reference and its IAM policy", e);
            }
            if (isThrottling(aws) || CAPACITY.contains(code) || TRANSIENT.contains(code)) {
                return new ProviderException.Transient(message, e);
            }
            // Set.of(...).contains(null) throws: an error without a message (a body-less 5xx) has none.
            String awsMessage = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
            if (code.endsWith(".NotFound") || (awsMessage != null && NOT_FOUND_ECS_MESSAGES.contains(awsMessage))) {
                return new ProviderException.NotFound(message, e);
            }
            return aws.statusCode() >= 500
                    ? new ProviderException.Transient(message, e)
                    : new ProviderException.Permanent(message, e);
        }
        if (e instanceof SdkServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException()
                    ? new ProviderException.Transient(message, e)
                    : new ProviderException.Permanent(message, e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || causedByIo(e)) {
            return new ProviderException.Transient(message, e);
        }
        if (e instanceof SdkClientException) {
            // Client-side: no credentials found, a malformed request the SDK refused to send.
            return new ProviderException.Permanent(message, e);
        }
        return new ProviderException.Permanent(message, e);
    }

    /** The AWS error code, empty when the response carried none. */
    static String code(Throwable e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return "";
    }

    static boolean isThrottling(Throwable e) {
        return e instanceof SdkServiceException service && service.isThrottlingException();
    }

    /** A short human reason: AWS's code and message, or the root I/O cause. */
    static String reason(Throwable e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String text = aws.awsErrorDetails().errorMessage();
            return code(aws) + ": " + (text == null ? "(no message)" : text) + " (HTTP " + aws.statusCode() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == e) {
            return String.valueOf(e.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
