package dev.berth.broker.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.berth.broker.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Charges each API call to token buckets: a caller with a tenant pays from its client's bucket
 * and from its tenant's, so one program cannot spend its whole tenant's budget and one tenant
 * cannot crowd out the others; a platform admin (no tenant) pays from its own client bucket
 * only, never from a tenant's. Reads and mutations have separate buckets.
 *
 * <p>Buckets live in this replica's memory (see {@link RateLimitConfig#replicas()}). A full
 * bucket is the same as no bucket, so idle ones are dropped by a periodic sweep and memory
 * follows the number of recently active callers.
 */
@Singleton
public class RateLimiter {

    /** Tenant tag of refusals charged to platform admins: not a valid tenant slug, so never ambiguous. */
    static final String NO_TENANT_TAG = "-";
    private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final RateLimitConfig config;
    private final MeterRegistry registry;
    private final LongSupplier nanoClock;
    private final Map<Key, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    @Inject
    RateLimiter(RateLimitConfig config, MeterRegistry registry) {
        this(config, registry, System::nanoTime);
    }

    RateLimiter(RateLimitConfig config, MeterRegistry registry, LongSupplier nanoClock) {
        this.config = config;
        this.registry = registry;
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + SWEEP_EVERY_NANOS);
        if (config.replicas() < 1) {
            throw new IllegalArgumentException("berth.rate-limit.replicas must be at least 1");
        }
        registry.gaugeMapSize("berth.rate_limit.buckets", Tags.empty(), buckets);
    }

    /** Which bucket refused a call, and when the caller may try again. */
    public record Refusal(Scope scope, CallClass callClass, Duration retryAfter) {

        /** Whole seconds for {@code Retry-After}: rounded up, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L);
        }
    }

    /** The three kinds of budget holders. */
    public enum Scope { TENANT, CLIENT, PLATFORM }

    /** Charges one call; empty if it may go ahead. Nothing is charged for a refused call. */
    public Optional<Refusal> charge(Caller caller, CallClass callClass) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        String client = caller.clientId() + "/" + caller.subject();
        if (caller.tenant().isEmpty()) {
            return take(new Key(Scope.PLATFORM, client, callClass), config.platform(), now)
                    .map(wait -> refused(Scope.PLATFORM, NO_TENANT_TAG, callClass, wait));
        }
        String tenant = caller.tenant().get();
        Key clientKey = new Key(Scope.CLIENT, tenant + "/" + client, callClass);
        Optional<Long> clientWait = take(clientKey, config.client(), now);
        if (clientWait.isPresent()) {
            return Optional.of(refused(Scope.CLIENT, tenant, callClass, clientWait.get()));
        }
        Optional<Long> tenantWait = take(new Key(Scope.TENANT, tenant, callClass), config.tenant(), now);
        if (tenantWait.isPresent()) {
            TokenBucket clientBucket = buckets.get(clientKey);
            if (clientBucket != null) {
                clientBucket.giveBack();
            }
            return Optional.of(refused(Scope.TENANT, tenant, callClass, tenantWait.get()));
        }
        return Optional.empty();
    }

    /** Takes a token from the key's bucket: empty if taken, else the nanoseconds to wait. */
    private Optional<Long> take(Key key, RateLimitConfig.Scope scope, long now) {
        RateLimitConfig.Budget budget = key.callClass() == CallClass.READ ? scope.reads() : scope.mutations();
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(
                Math.max(1, budget.burst() / config.replicas()), budget.perSecond() / config.replicas(), now));
        long wait = bucket.tryTake(now);
        return wait == 0 ? Optional.empty() : Optional.of(wait);
    }

    private Refusal refused(Scope scope, String tenantTag, CallClass callClass, long waitNanos) {
        Counter.builder("berth.rate_limit.refusals")
                .description("API calls refused with 429 rate_limited")
                .tag("tenant", tenantTag)
                .tag("class", callClass.metricTag())
                .tag("scope", scope.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
        return new Refusal(scope, callClass, Duration.ofNanos(waitNanos));
    }

    /**
     * Forgets full buckets. A call racing the sweep may find its bucket replaced by a full
     * one, i.e. one extra call may pass per sweep: harmless for a budget of this kind.
     */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_EVERY_NANOS)) {
            buckets.entrySet().removeIf(e -> e.getValue().isFull(now));
        }
    }

    /** Number of buckets held (for tests; the gauge reads the map). */
    int bucketCount() {
        return buckets.size();
    }

    /** Starts every caller afresh, as after a restart (tests, so each starts from full buckets). */
    void forgetAll() {
        buckets.clear();
    }

    private record Key(Scope scope, String holder, CallClass callClass) {
    }
}
