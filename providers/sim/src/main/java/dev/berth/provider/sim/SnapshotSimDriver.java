package dev.berth.provider.sim;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.ProviderSnapshot;
import dev.berth.provider.spi.SnapshotCapable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@link SimDriver} that also takes snapshots (the default; option {@code snapshots=false}
 * opens a plain one). A snapshot captures the workload's files and run state; a revert
 * restores both, like a hypervisor snapshot, and snapshots die with their workload (no
 * {@link #restorableImage}).
 */
final class SnapshotSimDriver extends SimDriver implements SnapshotCapable {

    /** The Docker and libvirt drivers' rule, so names that work here work on real hosts. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    SnapshotSimDriver(SimOptions options, SimHost host) {
        super(options, host);
    }

    @Override
    public ProviderSnapshot createSnapshot(UUID workloadId, String snapshotName) {
        checkName(snapshotName);
        requireReachable();
        SimWorkload w = existing(workloadId);
        if (w.hasSnapshot(snapshotName)) {
            return w.snapshot(snapshotName, Instant.now());
        }
        Outcomes.Outcome outcome = outcomes.next(SimCall.SNAPSHOT);
        pause(outcome.latency());
        if (outcome.fails()) {
            throw outcome.exception("snapshot " + snapshotName + " of " + workloadId);
        }
        return existing(workloadId).snapshot(snapshotName, Instant.now());
    }

    /** Snapshots live and die with their workload: an unknown workload is {@code NotFound}. */
    @Override
    public List<ProviderSnapshot> listSnapshots(UUID workloadId) {
        requireReachable();
        return existing(workloadId).snapshots();
    }

    @Override
    public void revertToSnapshot(UUID workloadId, String snapshotName) {
        checkName(snapshotName);
        requireReachable();
        SimWorkload w = existing(workloadId);
        if (!w.hasSnapshot(snapshotName)) {
            throw unknownSnapshot(workloadId, snapshotName);
        }
        Outcomes.Outcome outcome = outcomes.next(SimCall.SNAPSHOT);
        pause(outcome.latency());
        if (outcome.fails()) {
            throw outcome.exception("revert of " + workloadId + " to " + snapshotName);
        }
        if (!existing(workloadId).revert(snapshotName)) {
            throw unknownSnapshot(workloadId, snapshotName);
        }
    }

    @Override
    public void deleteSnapshot(UUID workloadId, String snapshotName) {
        checkName(snapshotName);
        requireReachable();
        SimWorkload w = host.get(workloadId);
        if (w != null) {
            w.dropSnapshot(snapshotName);
        }
    }

    private ProviderException.NotFound unknownSnapshot(UUID workloadId, String snapshotName) {
        return new ProviderException.NotFound("no snapshot " + snapshotName + " of workload " + workloadId
                + " on simulated host " + options.endpoint(), null);
    }

    private static void checkName(String snapshotName) {
        if (snapshotName == null || !NAME.matcher(snapshotName).matches()) {
            throw new ProviderException.Permanent("snapshot name must match " + NAME.pattern() + ", got '"
                    + snapshotName + "'", null);
        }
    }
}
