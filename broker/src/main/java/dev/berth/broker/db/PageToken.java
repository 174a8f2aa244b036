package dev.berth.broker.db;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.problems.InvalidRequest;

/**
 * Keyset pagination cursor of the lists sorted by creation time (through {@link PageTokens}): the sort key of the last item of a page, opaque to clients.
 * Keyset (not offset) so pages stay correct while rows are inserted concurrently.
 */
public record PageToken(OffsetDateTime createdAt, UUID id) {

    /** Tag of the lists paged by creation time (workloads, operations, snapshots, ...). */
    private static final String LIST = "t";

    public String encode() {
        return PageTokens.encode(LIST, createdAt + "|" + id);
    }

    public static Optional<PageToken> decode(String token) {
        return PageTokens.decode(token, LIST, "pageToken").map(key -> {
            try {
                String[] parts = key.split("\\|", 2);
                return new PageToken(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new InvalidRequest("pageToken", "not a page token issued by this API");
            }
        });
    }

    public static int pageSize(Integer requested) {
        return requested == null ? 50 : requested;
    }
}
