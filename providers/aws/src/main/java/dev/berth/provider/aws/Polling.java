package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waiting for AWS: reads until a condition holds or a deadline passes. AWS changes state
 * asynchronously (an instance stops, an AMI becomes available, a task pulls its image), and
 * has no push notification the driver could use, so it polls at the configured interval.
 */
final class Polling {

    private final Duration interval;

    Polling(Duration interval) {
        this.interval = interval;
    }

    /** Repeats {@code attempt} until it yields a value or {@code timeout} passes (then empty). */
    <T> Optional<T> until(Duration timeout, Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = attempt.get();
            if (result.isPresent() || System.nanoTime() - deadline > 0) {
                return result;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Transient("interrupted while waiting for AWS", e);
            }
        }
    }
}
