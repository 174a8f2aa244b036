package dev.berth.broker.operations;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How this replica runs operations ({@code berth.worker.*}). Claims are short leases renewed by
 * a heartbeat while the driver call runs: a replica that dies loses its claims within
 * {@link #lease()}, and a live one keeps an operation however long its driver call takes.
 */
@ConfigMapping(prefix = "berth.worker")
public interface WorkerSettings {

    /** Whether this replica runs operations at all. */
    @WithDefault("true")
    boolean enabled();

    /** Operations run concurrently by this replica. */
    @WithDefault("4")
    int threads();

    /**
     * Queue poll when nothing woke the worker (local mutations wake it at once). Read by the
     * worker's {@code @Scheduled} tick through the same key.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a claim lasts without renewal: the longest a dead replica's operations wait
     * before another replica takes them over. At least twice {@link #heartbeat()}.
     */
    @WithDefault("15S")
    Duration lease();

    /** How often the holder renews its claims while their driver calls run. */
    @WithDefault("5S")
    Duration heartbeat();

    /**
     * Claims of one operation before it is given up: transient provider errors retry up to
     * this many times, and an operation whose attempts crashed (the executor threw, or its
     * replica died) that many times is failed — a failed create releases its quota.
     */
    @WithDefault("5")
    int maxAttempts();

    /** Graceful stop of a container or VM before it is killed. */
    @WithDefault("10S")
    Duration stopGrace();

    /**
     * How long a CREATE waits, after the driver call returned, for the provider to report the
     * workload running (an EC2 instance still {@code pending}, a task starting) before the
     * operation fails.
     */
    @WithDefault("300S")
    Duration createSettleTimeout();
}
