package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheLongestWaitWithTheTopOfTheJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), () -> 0.999_999_999);
        assertThat(backoff.next()).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(backoff.next()).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(backoff.next()).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
        assertThat(backoff.next()).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.next()).isBetween(Duration.ofMillis(999), Duration.ofMillis(1_000));
        }
    }

    @Test
    void jitterNeverGoesBelowHalfTheWait() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), () -> 0.0);
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void resetStartsOverAfterAConnectionWorked() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(60), () -> 0.0);
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void manyFailuresNeitherOverflowNorExceedTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofHours(1), () -> 0.5);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 10_000; i++) {
            last = backoff.next();
        }
        assertThat(last).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void refusesImpossibleBounds() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
