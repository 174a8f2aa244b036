package dev.berth.broker.idempotency;

/** The first answer to a keyed request, replayed verbatim to later requests with the same key. */
public record StoredResponse(int status, String body, String location) {
}
