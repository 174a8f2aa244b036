package dev.berth.broker.events.watch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.berth.broker.events.EventProblems;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts open watches per tenant on this replica and refuses one beyond
 * {@code berth.watch.max-per-tenant}. Per replica on purpose: a watch holds memory and a slot
 * of this process only, and the load balancer spreads a tenant's watches over replicas.
 */
@ApplicationScoped
public class WatchLimits {

    /** The key of platform admins' cross-tenant watches. */
    static final String ALL_TENANTS = "*";

    private final ConcurrentMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final WatchConfig config;

    WatchLimits(WatchConfig config) {
        this.config = config;
    }

    /** Takes a slot of {@code tenant} or throws {@code watch.limit_exceeded}; give it back with the returned handle. */
    public Runnable acquire(String tenant) {
        AtomicInteger count = open.computeIfAbsent(tenant, t -> new AtomicInteger());
        if (count.incrementAndGet() > config.maxPerTenant()) {
            count.decrementAndGet();
            throw new EventProblems.WatchLimitExceeded(config.maxPerTenant());
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        };
    }
}
