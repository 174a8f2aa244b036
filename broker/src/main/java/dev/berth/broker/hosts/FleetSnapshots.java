package dev.berth.broker.hosts;

import java.util.List;

import dev.berth.broker.db.Database;
import dev.berth.placement.engine.FleetIndex;
import dev.berth.placement.HostSnapshot;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The fleet as placement sees it now. Every call reads the host rows (and group counts)
 * afresh, so a decision never runs on a stale picture; the columnar index built from them
 * is kept and handed out again while the rows read are the same — a simulation, a retry, or
 * a burst of decisions between two changes to the fleet build it once, not per decision.
 */
@ApplicationScoped
public class FleetSnapshots {

    private final Database db;
    private final HostRepository hosts;
    private volatile FleetIndex last;

    FleetSnapshots(Database db, HostRepository hosts) {
        this.db = db;
        this.hosts = hosts;
    }

    public FleetIndex current() {
        List<HostSnapshot> fresh = db.autoCommit(hosts::snapshots);
        FleetIndex known = last;
        if (known != null && known.hosts().equals(fresh)) {
            return known;
        }
        FleetIndex built = FleetIndex.of(fresh);
        last = built;
        return built;
    }
}
