package dev.berth.provider.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0                                | fixed:0ms
            25ms                             | fixed:25ms
            ' 25ms '                         | fixed:25ms
            fixed:1.5s                       | fixed:1500ms
            250us                            | fixed:250us
            uniform:10ms..200ms              | uniform:10ms..200ms
            uniform:1.5ms..2ms               | uniform:1500us..2ms
            uniform:5ms..5ms                 | uniform:5ms..5ms
            lognormal:median=40ms,p99=400ms  | lognormal:median=40ms,p99=400ms
            lognormal:median=1s,p99=1s       | lognormal:median=1000ms,p99=1000ms
            """)
    void parsesEveryForm(String text, String parsed) {
        assertThat(Latency.parse(text)).hasToString(parsed);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                 | not a duration
            fast                               | not a duration
            25                                 | not a duration
            25 ms                              | not a duration
            -5ms                               | not a duration
            fixed:                             | not a duration
            uniform:10ms                       | expected 0, 25ms
            uniform:20ms..10ms                 | min <= max
            lognormal:40ms                     | expected 0, 25ms
            lognormal:median=0ms,p99=1ms       | positive median
            lognormal:median=40ms,p99=10ms     | p99 >= median
            """)
    void refusesWhatItCannotRead(String text, String message) {
        assertThatThrownBy(() -> Latency.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void fixedIsAlwaysItsValue() {
        Latency fixed = Latency.parse("25ms");
        Random random = new Random(1);

        assertThat(IntStream.range(0, 100).mapToObj(i -> fixed.sample(random))).containsOnly(Duration.ofMillis(25));
    }

    @Test
    void uniformStaysWithinItsBoundsAndCoversThem() {
        Latency uniform = Latency.parse("uniform:10ms..20ms");
        Random random = new Random(1);

        long[] nanos = IntStream.range(0, 10_000).mapToLong(i -> uniform.sample(random).toNanos()).sorted().toArray();

        assertThat(nanos[0]).isGreaterThanOrEqualTo(10_000_000L).isLessThan(10_100_000L);
        assertThat(nanos[nanos.length - 1]).isLessThanOrEqualTo(20_000_000L).isGreaterThan(19_900_000L);
        assertThat(nanos[nanos.length / 2]).isBetween(14_500_000L, 15_500_000L);
    }

    /** Seeded, so exact: the quantiles of 20,000 draws land near the ones asked for. */
    @Test
    void lognormalHasTheMedianAndP99ItWasGiven() {
        Latency lognormal = Latency.parse("lognormal:median=40ms,p99=400ms");
        Random random = new Random(42);

        double[] millis = IntStream.range(0, 20_000).mapToDouble(i -> lognormal.sample(random).toNanos() / 1e6).toArray();
        Arrays.sort(millis);

        assertThat(millis[millis.length / 2]).isBetween(38.0, 42.0);
        assertThat(millis[(int) (millis.length * 0.99)]).isBetween(340.0, 460.0);
        assertThat(millis[0]).isPositive();
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        Latency lognormal = Latency.parse("lognormal:median=40ms,p99=400ms");
        Random a = new Random(7);
        Random b = new Random(7);
        Random other = new Random(8);

        var first = IntStream.range(0, 50).mapToObj(i -> lognormal.sample(a)).toList();
        var second = IntStream.range(0, 50).mapToObj(i -> lognormal.sample(b)).toList();
        var third = IntStream.range(0, 50).mapToObj(i -> lognormal.sample(other)).toList();

        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
    }
}
