package dev.berth.broker.events.watch;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.berth.broker.events.Event;
import dev.berth.broker.events.EventAccess;
import dev.berth.broker.events.EventScope;
import dev.berth.broker.events.WatchPosition;
import dev.berth.broker.events.WatchRead;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Opens watches: streams of the events of a scope after a resume id, first the backlog from the
 * table, then live ones as {@link EventNotifications} wakes the watch up. Transport-neutral; the
 * SSE and gRPC adapters render the items.
 *
 * <p>Reading is paced by the reader's demand: the next query runs only once the transport has
 * taken what the last one read, so a watch holds at most one batch in memory and a backlog
 * stays in the table. A reader that takes nothing for a whole heartbeat interval while items
 * wait, or lets {@code buffer-size} items pile up, is closed with {@link WatchTooSlow}; it
 * resumes from its last event id.
 */
@ApplicationScoped
public class EventWatches {

    private final EventAccess access;
    private final EventNotifications notifications;
    private final WatchLimits limits;
    private final WatchConfig config;
    private final ExecutorService readers = Executors.newCachedThreadPool(daemon("berth-watch-reader"));
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("berth-watch-heartbeat"));

    EventWatches(EventAccess access, EventNotifications notifications, WatchLimits limits, WatchConfig config) {
        this.access = access;
        this.notifications = notifications;
        this.limits = limits;
        this.config = config;
    }

    /**
     * A watch of {@code scope} after event id {@code afterId}. Takes one of {@code limitKey}'s
     * watch slots now (so a refusal is an ordinary error answer) and gives it back when the
     * stream ends, however it ends.
     */
    public Multi<WatchItem> open(EventScope scope, WatchPosition from) {
        Runnable release = limits.acquire(scope.tenant().orElse(WatchLimits.ALL_TENANTS));
        // Items leave the emitter on whichever thread emits or requests (reader, heartbeat, event
        // loop); a transport writing from several threads may reorder them. Hand every item to
        // the caller's Vert.x context, in order.
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        java.util.concurrent.Executor deliver = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        return Multi.createFrom().<WatchItem>emitter(emitter -> new Watch(scope, from, emitter, release).start(),
                        config.bufferSize())
                .onFailure(java.nio.BufferOverflowException.class)
                .transform(e -> new WatchTooSlow())
                .emitOn(deliver)
                .onCancellation().invoke(release)
                .onTermination().invoke(release);
    }

    void shutdown(@Observes ShutdownEvent event) {
        ticks.shutdownNow();
        readers.shutdownNow();
    }

    /** One open watch: its cursor, its wake-ups and its heartbeat. */
    private final class Watch implements EventNotifications.Listener {

        private final EventScope scope;
        private final MultiEmitter<? super WatchItem> emitter;
        private final Runnable release;
        private final AtomicInteger wakeups = new AtomicInteger();
        private final AtomicLong taken = new AtomicLong();
        /** The last read stopped for lack of demand: the next request must resume reading. */
        private final java.util.concurrent.atomic.AtomicBoolean starved = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile WatchPosition position;
        private long takenAtLastTick = -1;
        private ScheduledFuture<?> heartbeat;

        Watch(EventScope scope, WatchPosition from, MultiEmitter<? super WatchItem> emitter, Runnable release) {
            this.scope = scope;
            this.position = from;
            this.emitter = emitter;
            this.release = release;
        }

        void start() {
            emitter.onTermination(this::close);
            emitter.onRequest(n -> {
                taken.incrementAndGet();
                if (starved.getAndSet(false)) {
                    wake();
                }
            });
            // Listen before the first read: an event committed during the catch-up read still wakes us.
            notifications.add(this);
            long every = config.heartbeat().toMillis();
            // A first heartbeat right away: the reader sees the stream open before any event exists.
            emitter.emit(WatchItem.HEARTBEAT);
            heartbeat = ticks.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
            wake();
        }

        @Override
        public boolean covers(String tenant) {
            return scope.covers(tenant);
        }

        @Override
        public void wake() {
            if (wakeups.getAndIncrement() == 0) {
                readers.execute(this::drain);
            }
        }

        /** Reads and emits until no wake-up is left unserved; one drain at a time per watch. */
        private void drain() {
            int missed = 1;
            try {
                do {
                    readWhileDemanded();
                    missed = wakeups.addAndGet(-missed);
                } while (missed != 0);
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }

        private void readWhileDemanded() {
            while (!emitter.isCancelled()) {
                if (emitter.requested() <= 0) {
                    starved.set(true);
                    if (emitter.requested() > 0 && starved.getAndSet(false)) {
                        continue;  // demand arrived between the check and the flag
                    }
                    return;
                }
                int limit = Math.min(config.batchSize(), config.bufferSize());
                WatchRead read = access.watchRead(scope, position, limit);
                for (Event e : read.events()) {
                    emitter.emit(new WatchItem(e));
                }
                position = read.last();
                if (read.pending()) {
                    // Committed events wait behind an older running transaction, whose end notifies nobody.
                    ticks.schedule(this::wake, config.listenPoll().toMillis(), TimeUnit.MILLISECONDS);
                }
                if (read.events().size() < limit) {
                    return;
                }
            }
        }

        /** Heartbeat when idle; closes a reader that took nothing over a whole interval while items waited. */
        private void tick() {
            if (emitter.isCancelled()) {
                return;
            }
            long now = taken.get();
            if (emitter.requested() > 0) {
                emitter.emit(WatchItem.HEARTBEAT);
            } else if (now == takenAtLastTick) {
                emitter.fail(new WatchTooSlow());
                return;
            }
            takenAtLastTick = now;
        }

        private void close() {
            notifications.remove(this);
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            release.run();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
