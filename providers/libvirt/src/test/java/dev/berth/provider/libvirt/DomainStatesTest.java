package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.spi.ActualState.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.libvirt.DomainInfo.DomainState;

class DomainStatesTest {

    @ParameterizedTest
    @CsvSource({
        "VIR_DOMAIN_RUNNING,  RUNNING",
        "VIR_DOMAIN_SHUTOFF,  STOPPED",
        "VIR_DOMAIN_CRASHED,  FAILED",
        "VIR_DOMAIN_PAUSED,   TRANSITIONING",
        "VIR_DOMAIN_BLOCKED,  TRANSITIONING",
        "VIR_DOMAIN_SHUTDOWN, TRANSITIONING",
        "VIR_DOMAIN_NOSTATE,  TRANSITIONING",
    })
    void domainStateMapsToCoarseStatus(DomainState state, Status expected) {
        assertThat(DomainStates.status(state)).isEqualTo(expected);
    }

    @Test
    void detailIsLibvirtsOwnWord() {
        assertThat(DomainStates.detail(DomainState.VIR_DOMAIN_SHUTOFF)).isEqualTo("shutoff");
    }
}
