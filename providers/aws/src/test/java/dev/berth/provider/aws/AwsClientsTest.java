package dev.berth.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/** The retry strategy every SDK call runs under, asked directly what it would do. */
class AwsClientsTest {

    private final RetryStrategy strategy = AwsClients.retryStrategy(AwsOptions.from(new HostConnection("aws",
            "aws://us-east-1", Map.of("throttleBaseDelayMillis", "800", "retryBaseDelayMillis", "100",
            "maxAttempts", "3")), DestinationPolicy.defaults()).calls());

    @Test
    void throttlingBacksOffAtLeastHalfTheThrottleDelay() {
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("ec2")).token();

        Duration delay = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token)
                .failure(aws("RequestLimitExceeded", 503)).build()).delay();

        assertThat(delay).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void ioFailuresAreRetriedUntilTheAttemptsRunOut() {
        SdkClientException refused = SdkClientException.builder().cause(new ConnectException("refused")).build();
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("ec2")).token();

        token = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(refused).build()).token();
        RetryToken second = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(refused)
                .build()).token();

        assertThatThrownBy(() -> strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(second)
                .failure(refused).build())).isInstanceOf(TokenAcquisitionFailedException.class);
    }

    @Test
    void capacityAndValidationErrorsAreNotRetried() {
        for (AwsServiceException e : new AwsServiceException[] {aws("InsufficientInstanceCapacity", 500),
                aws("InvalidParameterValue", 400), aws("UnauthorizedOperation", 403)}) {
            RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("ec2")).token();

            assertThatThrownBy(() -> strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token)
                    .failure(e).build())).as(e.awsErrorDetails().errorCode())
                    .isInstanceOf(TokenAcquisitionFailedException.class);
        }
    }

    private static AwsServiceException aws(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
