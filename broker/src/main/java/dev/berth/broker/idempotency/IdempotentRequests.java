package dev.berth.broker.idempotency;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a mutation under an optional Idempotency-Key: replays the stored first response,
 * refuses a reused key or a duplicate in flight, and otherwise runs the mutation with a
 * {@link Recorder} that stores its response in the mutation's own transaction.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** What the adapter sends back: the response, and whether it is a replay. */
    public record Outcome(StoredResponse response, boolean replayed) {
    }

    private final IdempotencyKeys keys;

    IdempotentRequests(IdempotencyKeys keys) {
        this.keys = keys;
    }

    public <T> Outcome execute(String tenant, String key, String fingerprint,
                               Function<T, StoredResponse> render, Function<Recorder<T>, T> mutation) {
        if (key == null) {
            return new Outcome(render.apply(mutation.apply(Recorder.none())), false);
        }
        KeyClaim claim = keys.claim(tenant, key, fingerprint);
        if (claim instanceof KeyClaim.Answered answered) {
            return new Outcome(answered.response(), true);
        }
        KeyClaim.Held held = (KeyClaim.Held) claim;
        AtomicReference<StoredResponse> recorded = new AtomicReference<>();
        boolean answered = false;
        try {
            T result = mutation.apply((c, value) -> {
                StoredResponse response = render.apply(value);
                keys.complete(c, held, response);
                recorded.set(response);
            });
            answered = true;
            return new Outcome(recorded.get() != null ? recorded.get() : render.apply(result), false);
        } finally {
            // Whatever ended the request (a refusal, a database error, an Error), a key that was
            // not answered is released at once rather than left to its lease.
            if (!answered) {
                try {
                    keys.release(held);
                } catch (RuntimeException e) {
                    // the database is failing too: the key frees when its lease lapses
                }
            }
            keys.done(held);
        }
    }
}
