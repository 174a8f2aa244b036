package dev.berth.broker.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bucket on a hand-driven clock: burst, refill, wait time, give-back. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketGrantsItsBurstThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(3, 2.0, 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        // 2 tokens a second: the next one is half a second away.
        assertThat(bucket.tryTake(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.tryTake(SECOND / 4)).isEqualTo(SECOND / 4);
        assertThat(bucket.tryTake(SECOND / 2)).isZero();
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBucket bucket = new TokenBucket(2, 10.0, 0);
        assertThat(bucket.isFull(3600 * SECOND)).isTrue();
        assertThat(bucket.tryTake(3600 * SECOND)).isZero();
        assertThat(bucket.tryTake(3600 * SECOND)).isZero();
        assertThat(bucket.tryTake(3600 * SECOND)).isPositive();
    }

    @Test
    void aGivenBackTokenCanBeTakenAgain() {
        TokenBucket bucket = new TokenBucket(1, 0.001, 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.isFull(0)).isFalse();
        bucket.giveBack();
        assertThat(bucket.isFull(0)).isTrue();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(1000 * SECOND);
    }

    @Test
    void aBucketThatCouldNeverGrantIsRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
