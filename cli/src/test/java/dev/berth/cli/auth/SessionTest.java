package dev.berth.cli.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token cache and its refresh, against the real Keycloak (password grant of berth-cli, user alice). */
class SessionTest {

    @TempDir
    Path dir;

    private Credentials loggedIn() {
        OidcClient oidc = new OidcClient(KeycloakUnderTest.ISSUER, "berth-cli", Clock.systemUTC());
        return new Credentials("http://127.0.0.1:8080", oidc.issuer(), "berth-cli", "alice", null, null, null, null)
                .withTokens(oidc.password("alice", "alice"));
    }

    @Test
    void theCacheIsOwnerOnlyAndRoundTrips() throws Exception {
        CredentialStore store = new CredentialStore(dir.resolve("berth"));
        Credentials credentials = loggedIn();
        store.save(credentials);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("berth")))).isEqualTo("rwx------");
        assertThat(store.load()).contains(credentials);
        store.save(credentials);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .as("still 600 after a replace").isEqualTo("rw-------");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndSaved() {
        CredentialStore store = new CredentialStore(dir);
        Credentials fresh = loggedIn();
        Credentials expired = new Credentials(fresh.server(), fresh.issuer(), fresh.clientId(), fresh.username(),
                fresh.accessToken(), Instant.now().minusSeconds(1), fresh.refreshToken(), fresh.refreshExpiresAt());
        store.save(expired);

        String token = Session.open(store, Clock.systemUTC()).get();
        assertThat(token).isNotEqualTo(fresh.accessToken());
        Credentials saved = store.load().orElseThrow();
        assertThat(saved.accessToken()).isEqualTo(token);
        assertThat(saved.accessExpiresAt()).isAfter(Instant.now());
    }

    @Test
    void aRefusedRefreshTokenMeansLogInAgain() {
        CredentialStore store = new CredentialStore(dir);
        Credentials fresh = loggedIn();
        store.save(new Credentials(fresh.server(), fresh.issuer(), fresh.clientId(), fresh.username(), fresh.accessToken(),
                Instant.now().minusSeconds(1), "not-a-refresh-token", null));
        assertThatThrownBy(() -> Session.open(store, Clock.systemUTC()).get())
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_LOGGED_IN))
                .hasMessageContaining("berth login");
    }

    @Test
    void noCacheMeansNotLoggedIn() {
        assertThatThrownBy(() -> Session.open(new CredentialStore(dir), Clock.systemUTC()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_LOGGED_IN));
    }
}
