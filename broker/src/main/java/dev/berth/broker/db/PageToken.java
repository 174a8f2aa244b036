package dev.berth.broker.db;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.problems.InvalidRequest;

/**
 * Keyset pagination cursor: the sort key of the last item of a page, opaque to clients.
 * Keyset (not offset) so pages stay correct while rows are inserted concurrently.
 */
public record PageToken(OffsetDateTime createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<PageToken> decode(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
            return Optional.of(new PageToken(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (RuntimeException e) {
            throw new InvalidRequest("pageToken", "not a page token issued by this API");
        }
    }

    public static int pageSize(Integer requested) {
        return requested == null ? 50 : requested;
    }
}
