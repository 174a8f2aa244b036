package dev.berth.broker.reconcile;

import java.time.Duration;

/** A {@link ReconcileConfig} with chosen values, for the pure tests (no Quarkus). */
record TestConfig(Duration initialBackoff, Duration maxBackoff, int crashLoopAfter, Duration resetAfter,
                  boolean removeOrphans, Duration grace) implements ReconcileConfig {

    static TestConfig standard() {
        return new TestConfig(Duration.ofSeconds(10), Duration.ofMinutes(5), 5, Duration.ofMinutes(10), true,
                Duration.ofMinutes(10));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(10);
    }

    @Override
    public double jitter() {
        return 0.2;
    }

    @Override
    public Duration ownershipLease() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration eventDebounce() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Restart restart() {
        return new Restart() {
            public Duration initialBackoff() {
                return initialBackoff;
            }

            public Duration maxBackoff() {
                return maxBackoff;
            }

            public int crashLoopAfter() {
                return crashLoopAfter;
            }

            public Duration resetAfter() {
                return resetAfter;
            }
        };
    }

    @Override
    public Orphans orphans() {
        return new Orphans() {
            public boolean remove() {
                return removeOrphans;
            }

            public Duration grace() {
                return grace;
            }
        };
    }
}
