package dev.berth.broker.events;

/** Where a watch stands: the (writing transaction, id) of the last event it delivered. */
public record WatchPosition(long txid, long id) {

    /** Before every event. */
    public static final WatchPosition START = new WatchPosition(0, 0);
}
