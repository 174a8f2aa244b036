package dev.berth.broker.reconcile;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code berth.reconcile.*}: the reconciler's schedule, ownership, restart policy and orphan handling. */
@ConfigMapping(prefix = "berth.reconcile")
public interface ReconcileConfig {

    /** Periodic passes and engine-event passes on this replica; off, passes run only when an admin asks. */
    @WithDefault("true")
    boolean enabled();

    /** Time between two passes over one host. */
    @WithDefault("10S")
    Duration interval();

    /** Each pass is delayed by up to this fraction of the interval, so hosts and replicas do not move in step. */
    @WithDefault("0.2")
    double jitter();

    /** How long a replica owns a host after its last pass; a dead replica's hosts move after this. */
    @WithDefault("30S")
    Duration ownershipLease();

    /** Engine events (Docker {@code /events}) trigger a pass of their host this soon, coalesced. */
    @WithDefault("1S")
    Duration eventDebounce();

    Restart restart();

    Orphans orphans();

    /** Berth's own restart policy (the engines are told never to restart on their own). */
    interface Restart {
        /** Delay before the first restart after an exit; doubles with every restart. */
        @WithDefault("10S")
        Duration initialBackoff();

        /** The most a restart is delayed. */
        @WithDefault("5M")
        Duration maxBackoff();

        /** Restarts (or re-provisions) in a row after which the workload is CRASH_LOOP and left alone. */
        @WithDefault("5")
        int crashLoopAfter();

        /** A workload seen running this long after its last restart gets its restart count back to 0. */
        @WithDefault("10M")
        Duration resetAfter();
    }

    /** Berth-labelled provider objects without a live workload. */
    interface Orphans {
        /** Remove them after the grace period (they are reported either way). */
        @WithDefault("true")
        boolean remove();

        /** How long an orphan is reported before it is removed. */
        @WithDefault("10M")
        Duration grace();
    }
}
