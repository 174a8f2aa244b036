package dev.berth.provider.sim;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long one simulated provider call takes: a distribution sampled with the host's seeded
 * random source, so a run can be replayed. Written in a host option as
 * <ul>
 *   <li>{@code 0}, {@code 25ms}, {@code fixed:25ms} — always the same;</li>
 *   <li>{@code uniform:10ms..200ms} — uniform between the bounds (inclusive);</li>
 *   <li>{@code lognormal:median=40ms,p99=400ms} — long-tailed like real engines: half the calls
 *       take less than the median, one in a hundred more than the p99.</li>
 * </ul>
 * Durations are a decimal number with unit {@code us}, {@code ms} or {@code s}.
 */
sealed interface Latency permits Latency.Fixed, Latency.Uniform, Latency.LogNormal {

    Latency ZERO = new Fixed(Duration.ZERO);

    /** One draw from the distribution; never negative. */
    Duration sample(Random random);

    /** Always {@code value}. */
    record Fixed(Duration value) implements Latency {
        @Override
        public Duration sample(Random random) {
            return value;
        }

        @Override
        public String toString() {
            return "fixed:" + format(value);
        }
    }

    /** Evenly spread between {@code min} and {@code max}. */
    record Uniform(Duration min, Duration max) implements Latency {
        public Uniform {
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform latency needs min <= max, got " + format(min) + ".." + format(max));
            }
        }

        @Override
        public Duration sample(Random random) {
            long span = max.toNanos() - min.toNanos();
            return min.plusNanos((long) (random.nextDouble() * (span + 1)));
        }

        @Override
        public String toString() {
            return "uniform:" + format(min) + ".." + format(max);
        }
    }

    /**
     * Log-normal with the given median and 99th percentile: {@code exp(mu + sigma * z)} with
     * {@code mu = ln(median)} and {@code sigma = ln(p99 / median) / z99}.
     */
    record LogNormal(Duration median, Duration p99) implements Latency {

        /** The standard normal's 99th percentile. */
        static final double Z_99 = 2.3263478740408408;

        public LogNormal {
            if (median.isZero() || median.isNegative()) {
                throw new IllegalArgumentException("lognormal latency needs a positive median, got " + format(median));
            }
            if (p99.compareTo(median) < 0) {
                throw new IllegalArgumentException("lognormal latency needs p99 >= median, got median="
                        + format(median) + ", p99=" + format(p99));
            }
        }

        double sigma() {
            return Math.log((double) p99.toNanos() / median.toNanos()) / Z_99;
        }

        @Override
        public Duration sample(Random random) {
            double nanos = median.toNanos() * Math.exp(sigma() * random.nextGaussian());
            return Duration.ofNanos(Math.round(Math.min(nanos, Long.MAX_VALUE / 2.0)));
        }

        @Override
        public String toString() {
            return "lognormal:median=" + format(median) + ",p99=" + format(p99);
        }
    }

    /** A duration in an option: a decimal number and a unit. */
    Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s)");
    /** The log-normal form; the fixed and uniform forms are split by prefix and "..". */
    Pattern LOGNORMAL = Pattern.compile("lognormal:median=([^,]+),p99=(.+)");

    /** Parses the option syntax above; anything else is an {@link IllegalArgumentException} saying what is expected. */
    static Latency parse(String text) {
        String s = text.strip();
        if (s.equals("0")) {
            return ZERO;
        }
        if (s.startsWith("fixed:")) {
            return new Fixed(duration(s.substring("fixed:".length())));
        }
        if (s.startsWith("uniform:")) {
            int dots = s.indexOf("..", "uniform:".length());
            if (dots < 0) {
                throw expected(text);
            }
            return new Uniform(duration(s.substring("uniform:".length(), dots)), duration(s.substring(dots + 2)));
        }
        Matcher lognormal = LOGNORMAL.matcher(s);
        if (lognormal.matches()) {
            return new LogNormal(duration(lognormal.group(1)), duration(lognormal.group(2)));
        }
        if (s.startsWith("lognormal:")) {
            throw expected(text);
        }
        return new Fixed(duration(s));
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 250us, 25ms or 1.5s");
        }
        BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (m.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        });
        return Duration.ofNanos(new BigDecimal(m.group(1)).multiply(nanosPerUnit).longValue());
    }

    private static IllegalArgumentException expected(String text) {
        return new IllegalArgumentException("'" + text + "' is not a latency: expected 0, 25ms, fixed:25ms, "
                + "uniform:10ms..200ms or lognormal:median=40ms,p99=400ms");
    }

    private static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        return BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString() + "us";
    }
}
