package dev.berth.broker.events.watch;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** Ends a watch whose reader does not keep up; sent as the stream's final error. */
public final class WatchTooSlow extends BerthProblem {
    public WatchTooSlow() {
        super(ProblemCode.WATCH_TOO_SLOW, "The watch was closed because its reader fell behind; "
                + "reconnect with Last-Event-ID set to the last event id received.");
    }
}
