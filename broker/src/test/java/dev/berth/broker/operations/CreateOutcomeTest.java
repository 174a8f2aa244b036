package dev.berth.broker.operations;

import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.workloads.WorkloadStatus;
import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A create records what the provider reports, not that the call returned (issue 20): an EC2
 * instance still {@code pending} stays PROVISIONING, and a Fargate task that already stopped is
 * STOPPED, where both used to be recorded RUNNING.
 */
class CreateOutcomeTest {

    @ParameterizedTest(name = "{0} ({1}) → {3}")
    @CsvSource(nullValues = "null", value = {
            "RUNNING,       running,  null, RUNNING",
            "TRANSITIONING, pending,  null, PROVISIONING",
            "CREATED,       created,  null, PROVISIONING",
            "STOPPED,       STOPPED,  1,    STOPPED",
            "FAILED,        dead,     137,  STOPPED",
    })
    void statusFollowsWhatTheProviderReports(Status status, String phase, Integer exitCode, WorkloadStatus expected) {
        ActualState state = new ActualState(UUID.randomUUID(), "acme", "h", status, phase + " detail", Optional.empty(),
                phase, exitCode, null, null, null);

        CreateOutcome outcome = CreateOutcome.of(state);

        assertThat(outcome.status()).isEqualTo(expected);
        if (exitCode != null) {
            assertThat(outcome.reason()).contains("code " + exitCode);
        }
        assertThat(CreateOutcome.starting(state)).isEqualTo(expected == WorkloadStatus.PROVISIONING);
    }
}
