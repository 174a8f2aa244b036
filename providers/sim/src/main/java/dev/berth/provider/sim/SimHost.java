package dev.berth.provider.sim;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory state of one simulated host (one {@code sim://} endpoint): its workloads and
 * whether it answers. Drivers come and go; this stays for the life of the JVM (or until
 * {@link SimHosts#forget}), like libvirt's {@code test:///default}.
 *
 * <p>The public methods are the <em>out-of-band</em> hooks: what happens on a real host
 * behind the broker's back (a process exits, the OOM killer strikes, an operator removes a
 * container, the host drops off the network), for reconciler tests and benchmarks that need
 * drift. They act at once, with no latency and no simulated failure.
 */
public final class SimHost {

    private final String endpoint;
    private final ConcurrentHashMap<UUID, SimWorkload> workloads = new ConcurrentHashMap<>();
    private volatile boolean reachable = true;

    SimHost(String endpoint) {
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }

    // ---------------------------------------------------------------- out-of-band hooks

    /** Ids of every workload on the host, in no particular order. */
    public Set<UUID> workloadIds() {
        return Set.copyOf(workloads.keySet());
    }

    /**
     * The workload's main process exits with {@code code}; its restart policy decides whether
     * it runs again (see {@link #restarts}) or stays stopped with that exit code.
     *
     * @throws IllegalArgumentException if there is no such workload
     * @throws IllegalStateException    if it is not running
     */
    public void exit(UUID workloadId, int code) {
        existing(workloadId).exit(code);
    }

    /** The workload is killed (the OOM killer, a {@code kill -9}): an exit with code 137. */
    public void kill(UUID workloadId) {
        exit(workloadId, 137);
    }

    /** The provider reports the workload in an error state, with {@code detail} as its words. */
    public void fail(UUID workloadId, String detail) {
        existing(workloadId).fail(detail);
    }

    /** Removes the workload as an operator would with the provider's own tools. */
    public void remove(UUID workloadId) {
        workloads.remove(workloadId);
    }

    /** How many times the restart policy has restarted the workload after an exit. */
    public int restarts(UUID workloadId) {
        return existing(workloadId).restarts();
    }

    /** Makes the host stop answering (every call {@code Transient}, probes unhealthy), or answer again. */
    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    public boolean reachable() {
        return reachable;
    }

    /** Writes a "file" inside the workload: content a snapshot captures and a revert restores. */
    public void writeFile(UUID workloadId, String path, String content) {
        existing(workloadId).writeFile(path, content);
    }

    public Optional<String> readFile(UUID workloadId, String path) {
        return existing(workloadId).readFile(path);
    }

    // ---------------------------------------------------------------- for the driver

    SimWorkload get(UUID workloadId) {
        return workloads.get(workloadId);
    }

    /** Adds the workload unless one with its id exists; returns the one that was there, or null. */
    SimWorkload putIfAbsent(UUID workloadId, SimWorkload workload) {
        return workloads.putIfAbsent(workloadId, workload);
    }

    /** Whether {@code workload} is still the host's object for its id (not deleted or replaced meanwhile). */
    boolean holds(UUID workloadId, SimWorkload workload) {
        return workloads.get(workloadId) == workload;
    }

    void remove(UUID workloadId, SimWorkload workload) {
        workloads.remove(workloadId, workload);
    }

    Collection<SimWorkload> all() {
        return List.copyOf(workloads.values());
    }

    int size() {
        return workloads.size();
    }

    private SimWorkload existing(UUID workloadId) {
        SimWorkload w = workloads.get(workloadId);
        if (w == null) {
            throw new IllegalArgumentException("no workload " + workloadId + " on simulated host " + endpoint);
        }
        return w;
    }
}
