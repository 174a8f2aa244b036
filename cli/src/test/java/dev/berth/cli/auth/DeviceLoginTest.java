package dev.berth.cli.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The device authorization grant's client half against Keycloak's real device endpoint (client berth-cli). */
class DeviceLoginTest {

    /** A clock moved forward by the pauses, so polling runs at full speed yet honours the intervals. */
    static final class SteppedClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void startGivesAUserCodeAndPollingIsPendingUntilApproved() {
        OidcClient oidc = new OidcClient(KeycloakUnderTest.ISSUER, "berth-cli", Clock.systemUTC());
        DeviceAuthorization auth = oidc.startDeviceAuthorization();
        assertThat(auth.deviceCode()).isNotBlank();
        assertThat(auth.userCode()).isNotBlank();
        assertThat(auth.verificationUri()).startsWith(KeycloakUnderTest.ISSUER).contains("/device");
        assertThat(auth.verificationUriComplete()).contains(auth.userCode());
        assertThat(auth.interval()).isPositive();

        assertThat(oidc.pollDevice(auth.deviceCode())).isInstanceOf(DevicePoll.Pending.class);
    }

    @Test
    void anUnknownDeviceCodeIsRefused() {
        OidcClient oidc = new OidcClient(KeycloakUnderTest.ISSUER, "berth-cli", Clock.systemUTC());
        DevicePoll poll = oidc.pollDevice("not-a-device-code");
        assertThat(poll).isInstanceOf(DevicePoll.Refused.class);
    }

    @Test
    void pollingStopsWhenTheCodeExpiresUnapproved() {
        SteppedClock clock = new SteppedClock();
        OidcClient oidc = new OidcClient(KeycloakUnderTest.ISSUER, "berth-cli", clock);
        DeviceAuthorization real = oidc.startDeviceAuthorization();
        // the same real code, with a short local deadline: 3 polls at 5 s fit into 15 s
        DeviceAuthorization shortLived = new DeviceAuthorization(real.deviceCode(), real.userCode(), real.verificationUri(),
                real.verificationUriComplete(), Duration.ofSeconds(15), Duration.ofSeconds(5));
        AtomicInteger pauses = new AtomicInteger();
        DeviceLogin login = new DeviceLogin(oidc, clock, d -> {
            pauses.incrementAndGet();
            clock.now = clock.now.plus(d);
        });
        assertThatThrownBy(() -> login.await(shortLived))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_LOGGED_IN))
                .hasMessageContaining("expired");
        assertThat(pauses.get()).as("polls at the interval until the deadline").isBetween(1, 3);
    }

    @Test
    void theDeviceGrantIsOffForAClientWithoutIt() {
        OidcClient oidc = new OidcClient(KeycloakUnderTest.ISSUER, "berth-cli-short", Clock.systemUTC());
        assertThatThrownBy(oidc::startDeviceAuthorization)
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_LOGGED_IN));
    }
}
