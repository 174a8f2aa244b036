package dev.berth.broker.events.watch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Event watch streams ({@code berth.watch.*}); documented in the broker README. */
@ConfigMapping(prefix = "berth.watch")
public interface WatchConfig {

    /** How often an idle watch sends a heartbeat (an SSE comment line; an empty gRPC message is not sent). */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * Events (and heartbeats) one watch may hold for a reader that does not keep up; beyond it
     * the watch ends with a final {@code watch.too_slow} error and the reader resumes from its
     * last event id. Bounds memory per connection.
     */
    @WithDefault("512")
    int bufferSize();

    /** Concurrent watches per tenant on one replica (platform admins' cross-tenant watches count as tenant "*"). */
    @WithDefault("20")
    int maxPerTenant();

    /** Events read from the table per query while catching up. */
    @WithDefault("200")
    int batchSize();

    /** How long the listener waits for notifications per poll, and how long it waits before reconnecting. */
    @WithDefault("1s")
    Duration listenPoll();
}
