package dev.berth.broker.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long Idempotency-Keys are remembered and held ({@code berth.idempotency.*}). */
@ConfigMapping(prefix = "berth.idempotency")
public interface IdempotencySettings {

    /** How long a key and its first answer are remembered. */
    @WithDefault("24H")
    Duration ttl();

    /**
     * How long a key in flight stays claimed without renewal: the longest a key whose request
     * died (its replica was killed) answers {@code 409 idempotency.in_flight}. At least twice
     * {@link #heartbeat()}.
     */
    @WithDefault("10S")
    Duration inFlightLease();

    /** How often a replica renews the keys of the requests it is still running. */
    @WithDefault("3S")
    Duration heartbeat();
}
