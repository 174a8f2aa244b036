package dev.berth.cli.auth;

import java.time.Clock;
import java.util.function.Supplier;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;

/**
 * The logged-in state of one command run: hands out a valid access token, refreshing it with the
 * refresh token (and saving the new pair) when it is about to expire.
 */
public final class Session implements Supplier<String> {

    private final CredentialStore store;
    private final Clock clock;
    private Credentials credentials;

    private Session(CredentialStore store, Clock clock, Credentials credentials) {
        this.store = store;
        this.clock = clock;
        this.credentials = credentials;
    }

    public static Session open(CredentialStore store, Clock clock) {
        Credentials credentials = store.load().orElseThrow(() -> new CliException(ExitCode.NOT_LOGGED_IN,
                "not logged in (no " + store.file() + "); run `berth login`"));
        return new Session(store, clock, credentials);
    }

    public Credentials credentials() {
        return credentials;
    }

    @Override
    public synchronized String get() {
        if (credentials.accessTokenFresh(clock.instant())) {
            return credentials.accessToken();
        }
        if (!credentials.refreshable(clock.instant())) {
            throw new CliException(ExitCode.NOT_LOGGED_IN, "session expired; run `berth login`");
        }
        TokenSet refreshed;
        try {
            refreshed = new OidcClient(credentials.issuer(), credentials.clientId(), clock).refresh(credentials.refreshToken());
        } catch (CliException e) {
            if (e.exitCode() == ExitCode.NOT_LOGGED_IN) {
                throw new CliException(ExitCode.NOT_LOGGED_IN, "session expired (" + e.getMessage() + "); run `berth login`", e);
            }
            throw e;
        }
        credentials = credentials.withTokens(refreshed);
        store.save(credentials);
        return credentials.accessToken();
    }
}
