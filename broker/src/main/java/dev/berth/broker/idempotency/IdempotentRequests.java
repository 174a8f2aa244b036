package dev.berth.broker.idempotency;

import java.util.Optional;
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
        Optional<StoredResponse> replay = keys.claim(tenant, key, fingerprint);
        if (replay.isPresent()) {
            return new Outcome(replay.get(), true);
        }
        AtomicReference<StoredResponse> recorded = new AtomicReference<>();
        try {
            T result = mutation.apply((c, value) -> {
                StoredResponse response = render.apply(value);
                keys.complete(c, tenant, key, response);
                recorded.set(response);
            });
            return new Outcome(recorded.get() != null ? recorded.get() : render.apply(result), false);
        } catch (RuntimeException e) {
            keys.release(tenant, key);
            throw e;
        }
    }
}
