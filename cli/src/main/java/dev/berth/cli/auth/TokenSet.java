package dev.berth.cli.auth;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** A token endpoint's answer, with lifetimes turned into instants at the moment it arrived. */
public record TokenSet(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {

    static TokenSet of(JsonNode body, Instant receivedAt) {
        String refresh = body.hasNonNull("refresh_token") ? body.get("refresh_token").asText() : null;
        // Keycloak: refresh_expires_in 0 means an offline token that does not expire by time
        long refreshIn = body.path("refresh_expires_in").asLong(0);
        return new TokenSet(body.path("access_token").asText(),
                receivedAt.plusSeconds(body.path("expires_in").asLong(60)),
                refresh,
                refresh == null || refreshIn <= 0 ? null : receivedAt.plusSeconds(refreshIn));
    }
}
