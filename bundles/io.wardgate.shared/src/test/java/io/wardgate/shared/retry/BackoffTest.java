package io.wardgate.shared.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void growsExponentiallyWithJitterUpToTheMaximum() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.delay(0, random).toMillis()).isBetween(50L, 100L);
            assertThat(backoff.delay(3, random).toMillis()).isBetween(400L, 800L);
            assertThat(backoff.delay(30, random).toMillis()).isBetween(1000L, 2000L);
            assertThat(backoff.delay(Integer.MAX_VALUE, random).toMillis()).isBetween(1000L, 2000L);
        }
    }

    @Test
    void isJitteredNotLockStep() {
        SplittableRandom random = new SplittableRandom(7);
        assertThat(IntStream.range(0, 50).mapToLong(i -> backoff.delay(4, random).toMillis()).distinct().count())
                .isGreaterThan(5);
    }

    @Test
    void refusesAZeroMinimumOrAMaximumBelowIt() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
