package dev.berth.broker.events.watch;

import dev.berth.broker.events.Event;

/** What a watch emits: an event, or a heartbeat ({@code event == null}) that keeps idle connections open. */
public record WatchItem(Event event) {

    static final WatchItem HEARTBEAT = new WatchItem(null);

    public boolean heartbeat() {
        return event == null;
    }
}
