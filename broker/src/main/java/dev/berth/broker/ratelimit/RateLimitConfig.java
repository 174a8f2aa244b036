package dev.berth.broker.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request budgets ({@code berth.rate-limit.*}); the figures are set in application.properties
 * and documented in broker/README.md. Every figure is
 * for the whole deployment: each replica enforces {@code 1/replicas} of it (see
 * {@link #replicas()}), so a client spreading its calls over all replicas gets the configured
 * budget, and one that sticks to a replica gets less, never more.
 */
@ConfigMapping(prefix = "berth.rate-limit")
public interface RateLimitConfig {

    /** Off: every call passes (the refusal counter stays at zero). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How many broker replicas share the budgets. Buckets are per replica (no shared state, no
     * extra database round trip per call); each holds this fraction of the configured rate and
     * burst.
     */
    @WithDefault("1")
    int replicas();

    /** Budgets of one tenant, shared by all of its people and programs. */
    Scope tenant();

    /** Budgets of one client (token {@code azp} + {@code sub}) within its tenant. */
    Scope client();

    /** Budgets of one platform-admin client (a caller without a tenant); never charged to a tenant. */
    Scope platform();

    /** The two classes of calls, counted separately. */
    interface Scope {
        /** Calls that change nothing: reads, lists, watches, simulations. */
        Budget reads();

        /** Calls that change state. */
        Budget mutations();
    }

    /** A token bucket: refilled at {@code perSecond}, holding at most {@code burst} calls. */
    interface Budget {
        double perSecond();

        int burst();
    }
}
