package dev.berth.provider.aws.emulator;

/**
 * An error AWS would answer with: its code (e.g. {@code InvalidInstanceID.NotFound},
 * {@code ClientException}), message and HTTP status. {@link HttpFront} renders it in the
 * protocol of the service that was called (EC2 and STS XML, ECS and SSM JSON).
 */
final class AwsError extends RuntimeException {

    final String code;
    final int status;

    AwsError(int status, String code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    static AwsError badRequest(String code, String message) {
        return new AwsError(400, code, message);
    }
}
