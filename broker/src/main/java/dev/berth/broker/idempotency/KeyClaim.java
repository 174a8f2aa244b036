package dev.berth.broker.idempotency;

import java.util.UUID;

/** The result of claiming an Idempotency-Key: this request holds it, or it was answered before. */
public sealed interface KeyClaim {

    /** This request holds the key under {@code token} until it completes or releases it. */
    record Held(String tenant, String key, UUID token) implements KeyClaim {
    }

    /** The key's first request already answered: replay its response. */
    record Answered(StoredResponse response) implements KeyClaim {
    }
}
