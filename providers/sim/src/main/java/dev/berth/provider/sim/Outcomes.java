package dev.berth.provider.sim;

import dev.berth.provider.spi.ProviderException;
import java.time.Duration;
import java.util.Random;

/**
 * Decides, from one seeded random source, how long each call takes and whether it fails.
 * Every call draws twice, failure first, then latency, so the n-th call of a driver opened
 * with a given seed always gets the same answer. Which call is the n-th depends on the order
 * callers arrive in: a single-threaded run replays exactly, a concurrent one statistically.
 */
final class Outcomes {

    /** What one call will do. */
    record Outcome(Duration latency, Failure failure) {

        /** Whether and how the call fails. */
        enum Failure {
            NONE,
            TRANSIENT,
            PERMANENT
        }

        /** The exception of a failing outcome; callers throw it after waiting out the latency. */
        ProviderException exception(String what) {
            return switch (failure) {
                case TRANSIENT -> new ProviderException.Transient("simulated transient failure of " + what, null);
                case PERMANENT -> new ProviderException.Permanent("simulated permanent failure of " + what, null);
                case NONE -> throw new IllegalStateException("outcome of " + what + " does not fail");
            };
        }

        boolean fails() {
            return failure != Failure.NONE;
        }
    }

    private final SimOptions options;
    private final Random random;

    Outcomes(SimOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    /**
     * The next call's outcome. Only a provision may fail permanently: it is the call whose
     * request can be wrong for the host (an image it cannot pull, a spec it refuses); the
     * others act on an object that exists, where a real engine fails transiently.
     */
    Outcome next(SimCall call) {
        Outcome.Failure failure;
        synchronized (random) {
            double draw = random.nextDouble();
            if (draw < options.transientFailureRate()) {
                failure = Outcome.Failure.TRANSIENT;
            } else if (call == SimCall.PROVISION && draw < options.transientFailureRate() + options.permanentFailureRate()) {
                failure = Outcome.Failure.PERMANENT;
            } else {
                failure = Outcome.Failure.NONE;
            }
            Duration latency = call == SimCall.RESTART
                    ? options.latency(SimCall.STOP).sample(random).plus(options.latency(SimCall.START).sample(random))
                    : options.latency(call).sample(random);
            return new Outcome(latency, failure);
        }
    }
}
