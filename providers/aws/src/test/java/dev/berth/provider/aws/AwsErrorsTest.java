package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.spi.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import org.junit.jupiter.api.Test;

/** How AWS's error codes map to the SPI's classes, and which ones the SDK retries by itself. */
class AwsErrorsTest {

    private final AwsErrors errors = new AwsErrors("aws us-east-1");

    @ParameterizedTest(name = "{0} (HTTP {1}) → {2}, SDK retries: {3}")
    @CsvSource({
            "InsufficientInstanceCapacity, 500, Transient, false",
            "RequestLimitExceeded,         503, Transient, true",
            "ThrottlingException,          400, Transient, true",
            "Throttling,                   400, Transient, true",
            "IncorrectInstanceState,       400, Transient, false",
            "InternalError,                500, Transient, true",
            "ServerException,              500, Transient, true",
            "AuthFailure,                  401, Permanent, false",
            "UnauthorizedOperation,        403, Permanent, false",
            "AccessDeniedException,        400, Permanent, false",
            "UnrecognizedClientException,  400, Permanent, false",
            "InvalidClientTokenId,         403, Permanent, false",
            "ExpiredToken,                 400, Permanent, false",
            "InvalidParameterValue,        400, Permanent, false",
            "InvalidParameterException,    400, Permanent, false",
            "ValidationException,          400, Permanent, false",
            "ClientException,              400, Permanent, false",
            "ClusterNotFoundException,     400, Permanent, false",
            "VcpuLimitExceeded,            400, Permanent, false",
            "IdempotentParameterMismatch,  400, Permanent, false",
            "SomethingNew,                 400, Permanent, false",
            "SomethingNewOnTheirSide,      502, Transient, true",
            "InvalidInstanceID.NotFound,   400, NotFound,  false",
            "InvalidAMIID.NotFound,        400, NotFound,  false",
    })
    void awsErrorCodesAreClassified(String code, int status, String expected, boolean retried) {
        AwsServiceException e = aws(code, status, "the message AWS sent");

        ProviderException classified = errors.classify("run instance", e);

        assertThat(classified.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(classified).hasMessageStartingWith("aws us-east-1: run instance: " + code
                + ": the message AWS sent (HTTP " + status + ")");
        assertThat(classified.getCause()).isSameAs(e);
        assertThat(AwsClients.retryable(e)).isEqualTo(retried);
    }

    @ParameterizedTest
    @CsvSource({"AuthFailure, 401", "UnauthorizedOperation, 403", "AccessDeniedException, 400",
            "UnrecognizedClientException, 400", "ExpiredToken, 400"})
    void refusedCredentialsSayWhereToLook(String code, int status) {
        assertThat(errors.classify("run instance", aws(code, status, "no"))).hasMessageEndingWith(
                "AWS refused the credentials or their permissions; check the host's credentials reference and its "
                        + "IAM policy");
    }

    @Test
    void unreachableAndTimedOutAreTransientAndRetried() {
        SdkClientException refused = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();
        ApiCallAttemptTimeoutException timeout = ApiCallAttemptTimeoutException.builder().message("attempt timed out")
                .build();

        assertThat(errors.classify("describe instances", refused)).isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("Connection refused");
        assertThat(errors.classify("describe instances", timeout)).isInstanceOf(ProviderException.Transient.class);
        assertThat(AwsClients.retryable(refused)).isTrue();
        assertThat(AwsClients.retryable(timeout)).isTrue();
    }

    @Test
    void clientSideFailuresWithoutIoArePermanent() {
        SdkClientException noCredentials = SdkClientException.builder()
                .message("Unable to load credentials from any of the providers in the chain").build();

        assertThat(errors.classify("describe instances", noCredentials)).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("Unable to load credentials");
        assertThat(AwsClients.retryable(noCredentials)).isFalse();
        assertThat(AwsClients.retryable(new IllegalStateException(new IOException("disk")))).isTrue();
    }

    @Test
    void alreadyClassifiedExceptionsPassThrough() {
        ProviderException.NotFound notFound = new ProviderException.NotFound("gone", null);

        assertThat(errors.classify("x", notFound)).isSameAs(notFound);
    }

    private static AwsServiceException aws(String code, int status, String message) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .statusCode(status)
                .message(message)
                .build();
    }
}
