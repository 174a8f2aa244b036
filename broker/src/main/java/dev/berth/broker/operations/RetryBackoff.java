package dev.berth.broker.operations;

import java.time.Duration;

/** When an operation runs again after a failed attempt: 2, 4, 8, 16, then every 30 seconds. */
final class RetryBackoff {

    private RetryBackoff() {
    }

    static Duration after(int attempts) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(Math.max(attempts, 1), 5)));
    }
}
