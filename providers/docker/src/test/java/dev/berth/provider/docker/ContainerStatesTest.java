package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HostConfig;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerStatesTest {

    @ParameterizedTest
    @CsvSource({
        "running,    RUNNING",
        "created,    CREATED",
        "exited,     STOPPED",
        "dead,       FAILED",
        "restarting, TRANSITIONING",
        "paused,     TRANSITIONING",
        "removing,   TRANSITIONING",
    })
    void dockerStatusMapsToCoarseStatus(String dockerStatus, Status expected) {
        assertThat(ContainerStates.status(dockerStatus)).isEqualTo(expected);
    }

    @Test
    void appliedLimitsAreReadFromNanoCpusAndMemory() {
        HostConfig host = HostConfig.newHostConfig().withNanoCPUs(1_500_000_000L).withMemory(256L * 1024 * 1024);

        assertThat(ContainerStates.applied(host)).isEqualTo(new Resources(1500, 256, 0));
    }

    @Test
    void unlimitedContainerReportsZeroLimits() {
        assertThat(ContainerStates.applied(HostConfig.newHostConfig())).isEqualTo(Resources.ZERO);
    }
}
