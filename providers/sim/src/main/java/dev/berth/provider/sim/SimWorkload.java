package dev.berth.provider.sim;

import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.ActualState.Status;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated workload: its spec, run state, a few "files" (so snapshots have content to
 * capture and restore) and its snapshots, oldest first. Every method is synchronized on the
 * workload: state changes of one workload are atomic, and workloads do not wait on each other.
 */
final class SimWorkload {

    /** A snapshot: the record the driver hands out, plus what a revert restores. */
    private record Taken(ProviderSnapshot snapshot, Map<String, String> files, Status status) {
    }

    private final WorkloadSpec spec;
    private final String handle;
    private final Map<String, String> files = new HashMap<>();
    private final Map<String, Taken> snapshots = new LinkedHashMap<>();
    private Status status = Status.TRANSITIONING;
    private String detail = "creating";
    private int restarts;
    /** The code of the last run that ended on its own, while stopped after it; null otherwise. */
    private Integer exitCode;

    SimWorkload(WorkloadSpec spec, String handle) {
        this.spec = spec;
        this.handle = handle;
    }

    synchronized ActualState state() {
        return new ActualState(spec.workloadId(), spec.tenant(), handle, status, detail, Optional.of(spec.resources()),
                null, status == Status.STOPPED ? exitCode : null, null, null, spec.installation());
    }

    synchronized Status status() {
        return status;
    }

    /** The run state before a call began changing it, to go back to if the call is cut short. */
    record Prior(Status status, String detail) {
    }

    /** A call has started changing the workload; {@link #settle} ends it, {@link #restore} undoes it. */
    synchronized Prior transition(String what) {
        Prior prior = new Prior(status, detail);
        status = Status.TRANSITIONING;
        detail = what;
        return prior;
    }

    synchronized void restore(Prior prior) {
        status = prior.status();
        detail = prior.detail();
    }

    synchronized void settle(Status to, String why) {
        status = to;
        exitCode = null;
        detail = why;
    }

    /**
     * The main process ended on its own with {@code code}. Like a container engine, the
     * restart policy decides: {@code ALWAYS} restarts it, {@code ON_FAILURE} restarts it on a
     * non-zero code, otherwise it stays stopped.
     *
     * @throws IllegalStateException if it is not running (a test asking for an impossible drift)
     */
    synchronized void exit(int code) {
        if (status != Status.RUNNING) {
            throw new IllegalStateException("workload " + spec.workloadId() + " is " + status + ", not RUNNING");
        }
        RestartPolicy policy = spec.restartPolicy();
        if (policy == RestartPolicy.ALWAYS || (policy == RestartPolicy.ON_FAILURE && code != 0)) {
            restarts++;
            detail = "running (restarted " + restarts + "x, last exit code " + code + ")";
        } else {
            status = Status.STOPPED;
            exitCode = code;
            detail = "exited (" + code + ")";
        }
    }

    synchronized void fail(String why) {
        status = Status.FAILED;
        detail = why;
    }

    synchronized int restarts() {
        return restarts;
    }

    synchronized void writeFile(String path, String content) {
        files.put(path, content);
    }

    synchronized Optional<String> readFile(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Takes a snapshot, or returns the one of that name: idempotent by name. */
    synchronized ProviderSnapshot snapshot(String name, Instant at) {
        return snapshots.computeIfAbsent(name, n -> new Taken(
                new ProviderSnapshot(n, at, "simulated snapshot of a " + status.name().toLowerCase() + " workload"),
                Map.copyOf(files), status == Status.STOPPED ? Status.STOPPED : Status.RUNNING)).snapshot();
    }

    synchronized boolean hasSnapshot(String name) {
        return snapshots.containsKey(name);
    }

    synchronized List<ProviderSnapshot> snapshots() {
        List<ProviderSnapshot> out = new ArrayList<>();
        snapshots.values().forEach(t -> out.add(t.snapshot()));
        return out;
    }

    /** Restores the files and the run state captured by the snapshot; false if there is no such snapshot. */
    synchronized boolean revert(String name) {
        Taken taken = snapshots.get(name);
        if (taken == null) {
            return false;
        }
        files.clear();
        files.putAll(taken.files());
        status = taken.status();
        detail = "reverted to snapshot " + name;
        return true;
    }

    synchronized void dropSnapshot(String name) {
        snapshots.remove(name);
    }
}
