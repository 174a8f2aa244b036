package dev.berth.broker.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;

/**
 * An in-memory host for {@link ReconcilePassBenchmark}: {@code list()} answers whatever the
 * benchmark put in {@link #STATES}, so a pass costs only what Berth itself does (compare, SQL).
 * Registered for driver type {@code bench-fake} (test resources' service file); no test
 * registers such a host, so it is inert elsewhere.
 */
public final class FakeDriver implements ProviderDriver {

    public static final String TYPE = "bench-fake";
    public static final List<ActualState> STATES = new CopyOnWriteArrayList<>();

    /** The factory {@code HostDrivers} finds through {@code ServiceLoader}. */
    public static final class Factory implements ProviderDriverFactory {
        @Override
        public String driver() {
            return TYPE;
        }

        @Override
        public ProviderDriver open(HostConnection connection, dev.berth.provider.spi.DestinationPolicy destinations) {
            return new FakeDriver();
        }
    }

    @Override
    public HostInventory inventory() {
        return new HostInventory(new Resources(1_000_000, 1_000_000, 0), Set.of(WorkloadKind.CONTAINER), "fake", java.util.Map.of());
    }

    @Override
    public HostHealth probe() {
        return new HostHealth(true, "fake", Duration.ZERO, java.time.Instant.now());
    }

    @Override
    public ActualState provision(WorkloadSpec spec) {
        throw new UnsupportedOperationException("the benchmark host only lists");
    }

    @Override
    public void start(UUID workloadId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(UUID workloadId, Duration grace) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void restart(UUID workloadId, Duration grace) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(UUID workloadId) {
        STATES.removeIf(s -> s.workloadId().equals(workloadId));
    }

    @Override
    public Optional<ActualState> describe(UUID workloadId) {
        return STATES.stream().filter(s -> s.workloadId().equals(workloadId)).findFirst();
    }

    @Override
    public List<ActualState> list() {
        return List.copyOf(STATES);
    }

    @Override
    public void close() {
    }
}
