package dev.berth.provider.aws.emulator;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * AWS's asynchronous state changes (pending → running, an AMI becoming available, a task
 * pulling its image) as scheduled actions, applied lazily whenever the emulator is looked at.
 * No background thread: a change happens at the first read after it is due, which is all a
 * client polling AWS can observe anyway. Guarded by the emulator's lock.
 */
final class Timeline {

    private record Due(long atNanos, long sequence, Runnable change) {
    }

    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.sequence, b.sequence));
    private long sequence;
    private volatile Duration step;

    Timeline(Duration step) {
        this.step = step;
    }

    /** How long one asynchronous step takes (default 100 ms). */
    void step(Duration step) {
        this.step = step;
    }

    /** Runs {@code change} after {@code steps} steps. */
    void after(int steps, Runnable change) {
        queue.add(new Due(System.nanoTime() + step.toNanos() * steps, sequence++, change));
    }

    /** Applies every change that is due, in order. */
    void settle() {
        long now = System.nanoTime();
        while (!queue.isEmpty() && queue.peek().atNanos - now <= 0) {
            queue.poll().change.run();
        }
    }
}
