package dev.berth.cli.auth;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;

/**
 * The device authorization grant for a machine without a browser: show the person where to go
 * and which code to type, then poll at the server's interval (slower on {@code slow_down}) until
 * they approve, refuse, or the code expires.
 */
public final class DeviceLogin {

    /** Waits between polls; tests pass one that does not sleep. */
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final OidcClient oidc;
    private final Clock clock;
    private final Pause pause;

    public DeviceLogin(OidcClient oidc, Clock clock, Pause pause) {
        this.oidc = oidc;
        this.clock = clock;
        this.pause = pause;
    }

    public TokenSet run(PrintWriter err) {
        DeviceAuthorization auth = oidc.startDeviceAuthorization();
        err.println("To log in, open " + auth.verificationUri() + " in a browser and enter the code " + auth.userCode());
        if (auth.verificationUriComplete() != null) {
            err.println("(or open " + auth.verificationUriComplete() + ")");
        }
        err.println("Waiting for approval ...");
        err.flush();
        return await(auth);
    }

    TokenSet await(DeviceAuthorization auth) {
        Instant deadline = clock.instant().plus(auth.expiresIn());
        Duration interval = auth.interval();
        while (clock.instant().isBefore(deadline)) {
            try {
                pause.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.ERROR, "interrupted", e);
            }
            DevicePoll poll = oidc.pollDevice(auth.deviceCode());
            if (poll instanceof DevicePoll.Granted granted) {
                return granted.tokens();
            } else if (poll instanceof DevicePoll.SlowDown) {
                interval = interval.plus(SLOW_DOWN_STEP);
            } else if (poll instanceof DevicePoll.Refused refused) {
                throw new CliException(ExitCode.NOT_LOGGED_IN, "device login ended: " + refused.error()
                        + " (" + refused.description() + ")");
            }
        }
        throw new CliException(ExitCode.NOT_LOGGED_IN, "device login expired before it was approved; run `berth login` again");
    }
}
