package dev.berth.provider.aws;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.berth.provider.aws.emulator.AwsEmulator;
import dev.berth.provider.aws.emulator.Faults;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bug found against a third-party AWS implementation: an error answer without a body has no
 * code and no message, and {@code AwsErrors.classify} threw a NullPointerException on it
 * ({@code Set.of(...).contains(null)}), so a body-less 5xx was an internal error, never
 * retried, and a delete stayed DELETING. It is transient like any other 5xx.
 */
class BodylessErrorTest {

    private AwsEmulator aws;
    private ProviderDriver driver;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
        driver = LocalAws.driver(aws, Map.of("kinds", "container,vm", "maxAttempts", "2"));
    }

    @AfterEach
    void stop() {
        driver.close();
        aws.close();
    }

    @Test
    void anErrorWithoutCodeOrMessageIsClassifiedByItsStatus() {
        AwsErrors errors = new AwsErrors("aws us-east-1");
        AwsServiceException noBody = AwsServiceException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().build()).build();
        AwsServiceException noDetails = AwsServiceException.builder().statusCode(503).build();
        AwsServiceException clientSide = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().build()).build();

        assertThat(errors.classify("stop task", noBody)).isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("HTTP 500");
        assertThat(errors.classify("stop task", noDetails)).isInstanceOf(ProviderException.Transient.class);
        assertThat(errors.classify("stop task", clientSide)).isInstanceOf(ProviderException.Permanent.class);
    }

    @Test
    void anEmpty500FromTheEndpointIsTransientAndTheDeleteSucceedsOnceItAnswersAgain() {
        WorkloadSpec spec = new WorkloadSpec(UUID.randomUUID(), "acme", "web", WorkloadKind.CONTAINER, dev.berth.provider.spi.ImageSource.RegistryImage.parse(LocalAws.BUSYBOX),
                List.of("sleep", "3600"), Map.of(), new Resources(250, 512, 0), Map.of(), RestartPolicy.NEVER);
        driver.provision(spec);

        aws.faults().emptyErrorNext(Faults.ANY_ACTION, 500, 1_000);
        assertThatThrownBy(() -> driver.delete(spec.workloadId())).isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("HTTP 500");
        assertThatThrownBy(() -> driver.describe(spec.workloadId())).isInstanceOf(ProviderException.Transient.class);

        aws.faults().clear();
        driver.delete(spec.workloadId());
        assertThat(driver.describe(spec.workloadId())).isEmpty();
    }

    @Test
    void aTaskWhoseContainerExitsOnItsOwnIsReportedStoppedWithItsExitCode() {
        WorkloadSpec spec = new WorkloadSpec(UUID.randomUUID(), "acme", "job", WorkloadKind.CONTAINER, dev.berth.provider.spi.ImageSource.RegistryImage.parse(LocalAws.BUSYBOX),
                List.of("sleep", "3600"), Map.of(), new Resources(250, 512, 0), Map.of(), RestartPolicy.NEVER);
        assertThat(driver.provision(spec).status()).isEqualTo(ActualState.Status.RUNNING);

        aws.exitTask(aws.tasks().get(0).taskArn(), 2);

        ActualState state = driver.describe(spec.workloadId()).orElseThrow();
        assertThat(state.status()).isEqualTo(ActualState.Status.STOPPED);
        assertThat(state.exitCode()).isEqualTo(2);
        assertThat(state.phase()).isEqualTo("STOPPED");
        assertThat(state.finishedAt()).isNotNull();
        assertThat(driver.list()).singleElement().satisfies(listed -> {
            assertThat(listed.status()).isEqualTo(ActualState.Status.STOPPED);
            assertThat(listed.exitCode()).isEqualTo(2);
        });
        driver.delete(spec.workloadId());
    }
}
