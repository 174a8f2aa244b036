package dev.berth.provider.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one account-region, built once per driver and closed with it: EC2, ECS
 * and SSM for the work, a second EC2/ECS pair with short timeouts and no retries for
 * {@code probe()}. All share one pooled Apache HTTP client and one credentials provider made
 * from the {@link CredentialsReference}.
 *
 * <p>Retries: the standard strategy with jittered exponential backoff (option
 * {@code retryBaseDelayMillis}, 100 ms by default) and a longer one after throttling
 * ({@code throttleBaseDelayMillis}, 1 s), up to {@code maxAttempts} attempts. Retried:
 * throttling, AWS 5xx, clock skew, timed-out attempts and I/O errors — every call the driver
 * makes is safe to repeat (client tokens, state checks). Not retried: capacity shortages
 * ({@code InsufficientInstanceCapacity}), which the driver answers by trying the next
 * instance type or subnet instead of asking for the same one again.
 */
final class AwsClients implements AutoCloseable {

    final Ec2Client ec2;
    final EcsClient ecs;
    final SsmClient ssm;
    final Ec2Client probeEc2;
    final EcsClient probeEcs;

    private final List<AutoCloseable> resources = new ArrayList<>();

    AwsClients(AwsOptions options) {
        AwsOptions.CallSettings calls = options.calls();
        SdkHttpClient http = keep(ApacheHttpClient.builder()
                .connectionTimeout(calls.connectTimeout())
                .socketTimeout(calls.attemptTimeout())
                .maxConnections(64)
                .build());
        SdkHttpClient probeHttp = keep(ApacheHttpClient.builder()
                .connectionTimeout(calls.probeTimeout())
                .socketTimeout(calls.probeTimeout())
                .maxConnections(4)
                .build());
        AwsCredentialsProvider credentials = credentials(options, http);
        ClientOverrideConfiguration work = ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy(calls))
                .apiCallAttemptTimeout(calls.attemptTimeout())
                .build();
        ClientOverrideConfiguration probe = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(calls.probeTimeout())
                .build();
        this.ec2 = keep(configure(Ec2Client.builder(), options, credentials, work).httpClient(http).build());
        this.ecs = keep(configure(EcsClient.builder(), options, credentials, work).httpClient(http).build());
        this.ssm = keep(configure(SsmClient.builder(), options, credentials, work).httpClient(http).build());
        this.probeEc2 = keep(configure(Ec2Client.builder(), options, credentials, probe).httpClient(probeHttp).build());
        this.probeEcs = keep(configure(EcsClient.builder(), options, credentials, probe).httpClient(probeHttp).build());
    }

    /** Whether the SDK retries an exception by itself before the driver sees it. */
    static boolean retryable(Throwable e) {
        if (e instanceof SdkServiceException service) {
            if (service.isThrottlingException()) {
                return true;
            }
            if (AwsErrors.CAPACITY.contains(AwsErrors.code(e))) {
                return false;
            }
            return service.statusCode() >= 500 || (e instanceof AwsServiceException aws && aws.isClockSkewException());
        }
        return e instanceof ApiCallAttemptTimeoutException || AwsErrors.causedByIo(e);
    }

    static RetryStrategy retryStrategy(AwsOptions.CallSettings calls) {
        return StandardRetryStrategy.builder()
                .maxAttempts(calls.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(calls.retryBaseDelay(), max(calls.retryBaseDelay())))
                // Half jitter after throttling: never less than half the delay, so a throttled
                // client always backs off, however the dice fall.
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(calls.throttleBaseDelay(),
                        max(calls.throttleBaseDelay())))
                .treatAsThrottling(AwsErrors::isThrottling)
                .retryOnException(AwsClients::retryable)
                // Only the conditions above: the SDK's defaults would also retry capacity errors (HTTP 500).
                .useClientDefaults(false)
                .build();
    }

    /** Backoff never grows past 20 s, nor past 20 times its base (AWS's own cap is 20 s). */
    private static java.time.Duration max(java.time.Duration base) {
        java.time.Duration twenty = java.time.Duration.ofSeconds(20);
        java.time.Duration scaled = base.multipliedBy(20);
        return scaled.compareTo(twenty) < 0 ? scaled : twenty;
    }

    private AwsCredentialsProvider credentials(AwsOptions options, SdkHttpClient http) {
        CredentialsReference reference = options.credentials();
        if (reference instanceof CredentialsReference.Profile profile) {
            return keep(ProfileCredentialsProvider.builder().profileName(profile.name()).build());
        }
        DefaultCredentialsProvider chain = keep(DefaultCredentialsProvider.builder().build());
        if (reference instanceof CredentialsReference.AssumeRole role) {
            StsClient sts = keep(configure(StsClient.builder(), options, chain,
                    ClientOverrideConfiguration.builder().retryStrategy(retryStrategy(options.calls())).build())
                    .httpClient(http).build());
            return keep(StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(r -> {
                        r.roleArn(role.roleArn()).roleSessionName("berth-" + options.region());
                        role.externalId().ifPresent(r::externalId);
                    })
                    .build());
        }
        return chain;
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsOptions options,
            AwsCredentialsProvider credentials, ClientOverrideConfiguration override) {
        builder.region(Region.of(options.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(override);
        Optional<URI> endpoint = options.endpointOverride().map(EndpointOverride::uri);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private <T> T keep(T resource) {
        if (resource instanceof AutoCloseable closeable) {
            resources.add(closeable);
        } else if (resource instanceof SdkAutoCloseable closeable) {
            resources.add(closeable::close);
        }
        return resource;
    }

    /** Closes the clients first, the HTTP clients and credentials they use last. */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // Closing: nothing useful to do with a failure here.
            }
        }
    }
}
