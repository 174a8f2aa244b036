package dev.berth.bench.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies of one phase, in microseconds, with the count of failed calls. Thread-safe: the
 * virtual users of a phase record concurrently. Percentiles are exact (nearest-rank over all
 * samples), which a load run of a few thousand calls can afford.
 */
final class Latencies {

    private final String phase;
    private long[] micros = new long[1024];
    private int count;
    private int errors;
    private long wallNanos;

    Latencies(String phase) {
        this.phase = phase;
    }

    synchronized void record(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = nanos / 1_000;
    }

    synchronized void error() {
        errors++;
    }

    void wall(long nanos) {
        this.wallNanos = nanos;
    }

    synchronized int count() {
        return count;
    }

    synchronized int errors() {
        return errors;
    }

    /** Nearest-rank percentile in microseconds; 0 when nothing was recorded. */
    synchronized long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    static String header() {
        return String.format(Locale.ROOT, "%-22s %7s %6s %10s %10s %10s %10s %10s",
                "phase", "ok", "errors", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms");
    }

    synchronized String row() {
        double perSecond = wallNanos == 0 ? 0 : count / (wallNanos / 1e9);
        return String.format(Locale.ROOT, "%-22s %7d %6d %10.1f %10.2f %10.2f %10.2f %10.2f",
                phase, count, errors, perSecond, percentile(50) / 1e3, percentile(90) / 1e3,
                percentile(99) / 1e3, percentile(100) / 1e3);
    }
}
