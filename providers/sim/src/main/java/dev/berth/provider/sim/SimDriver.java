package dev.berth.provider.sim;

import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link ProviderDriver} over one {@link SimHost}: nothing runs, every call changes the
 * host's in-memory state after waiting out a latency drawn from the host's options, and may
 * fail as they say ({@link Outcomes}).
 *
 * <p>A call first decides its outcome, then waits, then changes the state. A failing call
 * waits too (real failures take time) and changes nothing. While a call waits, the workload
 * shows {@link Status#TRANSITIONING}, as a container being created or a VM booting does.
 * The wait runs without holding any lock, so calls on different workloads overlap freely.
 */
class SimDriver implements ProviderDriver {

    static final String VERSION = "berth-sim/1";

    final SimOptions options;
    final SimHost host;
    final Outcomes outcomes;

    SimDriver(SimOptions options, SimHost host) {
        this.options = options;
        this.host = host;
        this.outcomes = new Outcomes(options);
    }

    @Override
    public HostInventory inventory() {
        requireReachable();
        return new HostInventory(options.capacity(), options.kinds(), VERSION,
                Map.of("simulated", "true", "seed", Long.toString(options.seed())));
    }

    @Override
    public HostHealth probe() {
        Instant now = Instant.now();
        if (!answers()) {
            return new HostHealth(false, "simulated host " + options.endpoint() + " is unreachable", Duration.ZERO, now);
        }
        return new HostHealth(true, "simulated host, " + host.size() + " workload(s)", Duration.ZERO, now);
    }

    @Override
    public ActualState provision(WorkloadSpec spec) {
        requireReachable();
        if (!options.kinds().contains(spec.kind())) {
            throw new ProviderException.Permanent("simulated host " + options.endpoint() + " does not run "
                    + spec.kind() + " workloads (option kinds)", null);
        }
        if (!options.hasImage(hostImage(spec.image()))) {
            throw new ProviderException.Permanent("image " + spec.image().display() + " is not present on simulated host "
                    + options.endpoint() + " (option images)", null);
        }
        UUID id = spec.workloadId();
        SimWorkload existing = host.get(id);
        if (existing != null) {
            return adopt(id, existing);
        }
        Outcomes.Outcome outcome = outcomes.next(SimCall.PROVISION);
        if (outcome.fails()) {
            pause(outcome.latency());
            throw outcome.exception("provision of " + id);
        }
        SimWorkload created = new SimWorkload(spec, handle(id));
        SimWorkload raced = host.putIfAbsent(id, created);
        if (raced != null) {
            return adopt(id, raced);
        }
        try {
            pause(outcome.latency());
        } catch (ProviderException.Transient interrupted) {
            host.remove(id, created); // the create did not happen: a retry must not find it half made
            throw interrupted;
        }
        settle(id, created, Status.RUNNING, "running");
        return created.state();
    }

    /** A provision of a workload that exists returns it, started if it was not running. */
    private ActualState adopt(UUID id, SimWorkload existing) {
        Status status = existing.status();
        if (status != Status.RUNNING && status != Status.TRANSITIONING) {
            start(id);
        }
        return existing.state();
    }

    @Override
    public void start(UUID workloadId) {
        change(workloadId, SimCall.START, Status.RUNNING, "starting", "running");
    }

    /** The grace is not simulated: a simulated process stops when asked, after the stop latency. */
    @Override
    public void stop(UUID workloadId, Duration grace) {
        change(workloadId, SimCall.STOP, Status.STOPPED, "stopping", "stopped");
    }

    /** Always goes through a stop and a start, even when the workload is stopped. */
    @Override
    public void restart(UUID workloadId, Duration grace) {
        change(workloadId, SimCall.RESTART, Status.RUNNING, "restarting", "running");
    }

    @Override
    public void delete(UUID workloadId) {
        requireReachable();
        SimWorkload w = host.get(workloadId);
        if (w == null) {
            return;
        }
        Outcomes.Outcome outcome = outcomes.next(SimCall.DELETE);
        pause(outcome.latency());
        if (outcome.fails()) {
            throw outcome.exception("delete of " + workloadId);
        }
        host.remove(workloadId, w);
    }

    @Override
    public Optional<ActualState> describe(UUID workloadId) {
        requireReachable();
        return Optional.ofNullable(host.get(workloadId)).map(SimWorkload::state);
    }

    @Override
    public List<ActualState> list() {
        requireReachable();
        return host.all().stream().map(SimWorkload::state).toList();
    }

    /** The host's state outlives its drivers: nothing to release. */
    @Override
    public void close() {
    }

    // ---------------------------------------------------------------- shared with the snapshot driver

    /**
     * Start, stop, restart: outcome, wait (the workload {@code TRANSITIONING}), change. Start and
     * stop have nothing to do in their target state already; a restart always runs.
     */
    private void change(UUID workloadId, SimCall call, Status target, String during, String after) {
        requireReachable();
        SimWorkload w = existing(workloadId);
        if (call != SimCall.RESTART && w.status() == target) {
            return;
        }
        Outcomes.Outcome outcome = outcomes.next(call);
        if (outcome.fails()) {
            pause(outcome.latency());
            throw outcome.exception(call.name().toLowerCase() + " of " + workloadId);
        }
        SimWorkload.Prior prior = w.transition(during);
        try {
            pause(outcome.latency());
        } catch (ProviderException.Transient interrupted) {
            w.restore(prior); // the call did not happen
            throw interrupted;
        }
        settle(workloadId, w, target, after);
    }

    /** Ends a call's change, unless the workload was deleted while the call waited. */
    void settle(UUID workloadId, SimWorkload w, Status to, String why) {
        if (!host.holds(workloadId, w)) {
            throw new ProviderException.NotFound("workload " + workloadId + " was deleted from simulated host "
                    + options.endpoint() + " during the call", null);
        }
        w.settle(to, why);
    }

    SimWorkload existing(UUID workloadId) {
        SimWorkload w = host.get(workloadId);
        if (w == null) {
            throw new ProviderException.NotFound("no workload " + workloadId + " on simulated host "
                    + options.endpoint(), null);
        }
        return w;
    }

    void requireReachable() {
        if (!answers()) {
            throw new ProviderException.Transient("simulated host " + options.endpoint() + " is unreachable", null);
        }
    }

    private boolean answers() {
        return options.reachable() && host.reachable();
    }

    /** Waits out a simulated latency; an interrupted wait is a call that did not complete. */
    static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), (int) (latency.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Transient("interrupted during a simulated call", e);
        }
    }

    /** The provider's own id: stable for a workload on a host (so runs replay), distinct from the workload id. */
    private String handle(UUID workloadId) {
        return "sim-" + UUID.nameUUIDFromBytes((options.endpoint() + "/" + workloadId).getBytes(StandardCharsets.UTF_8));
    }

    /** The name a simulated host knows an image by (option {@code images}). */
    private static String hostImage(dev.berth.provider.spi.ImageSource image) {
        if (image instanceof dev.berth.provider.spi.ImageSource.RegistryImage registry) {
            return registry.reference();
        }
        if (image instanceof dev.berth.provider.spi.ImageSource.PlatformImage platform) {
            return platform.artefact();
        }
        return ((dev.berth.provider.spi.ImageSource.SnapshotImage) image).artefact();
    }
}
