package dev.berth.broker.events;

import java.util.List;

/** One watch read: the events in delivery order, the position after them, and whether more wait behind a running transaction. */
public record WatchRead(List<Event> events, WatchPosition last, boolean pending) {
}
