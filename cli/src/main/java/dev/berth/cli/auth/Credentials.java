package dev.berth.cli.auth;

import java.time.Instant;

/**
 * What {@code berth login} leaves behind: where to talk to, and the tokens. Expiry instants are
 * computed at receipt from {@code expires_in}, so a cached token is refreshed before it lapses.
 */
public record Credentials(String server, String issuer, String clientId, String username,
                          String accessToken, Instant accessExpiresAt,
                          String refreshToken, Instant refreshExpiresAt) {

    /** Refresh this long before the access token's expiry, so a request never leaves with a token about to lapse. */
    static final long SKEW_SECONDS = 30;

    public boolean accessTokenFresh(Instant now) {
        return accessToken != null && accessExpiresAt != null && now.plusSeconds(SKEW_SECONDS).isBefore(accessExpiresAt);
    }

    public boolean refreshable(Instant now) {
        return refreshToken != null && (refreshExpiresAt == null || now.isBefore(refreshExpiresAt));
    }

    public Credentials withTokens(TokenSet tokens) {
        return new Credentials(server, issuer, clientId, username, tokens.accessToken(), tokens.accessExpiresAt(),
                tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken,
                tokens.refreshToken() != null ? tokens.refreshExpiresAt() : refreshExpiresAt);
    }
}
