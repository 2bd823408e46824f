package io.wardgate.shared.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stateful sequence of retries (moved here from the serial bundle's own backoff, whose behaviour
 * it keeps: these are that backoff's tests), and the jitter-free sequence of the receiver's senders.
 */
class BackoffSequenceTest {

    @Test
    void doublesUpToTheLongestWaitWithTheTopOfTheJitter() {
        Backoff.Sequence backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000))
                .sequence(() -> 0.999_999_999);
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
        Backoff.Sequence backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000)).sequence(() -> 0.0);
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void resetStartsOverAfterAConnectionWorked() {
        Backoff.Sequence backoff = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(60)).sequence(() -> 0.0);
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void manyFailuresNeitherOverflowNorExceedTheMaximum() {
        Backoff.Sequence backoff = new Backoff(Duration.ofMillis(10), Duration.ofHours(1)).sequence(() -> 0.5);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 10_000; i++) {
            last = backoff.next();
        }
        assertThat(last).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void refusesImpossibleBounds() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)).sequence(() -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).sequence(() -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutJitterEachWaitIsTheCeilingDoublingFromTheFirst() {
        // The receiver's senders: first, 2 x first, ... up to max, exactly; a delivery starts over.
        Backoff.Sequence sender = new Backoff(Duration.ofMillis(300), Duration.ofSeconds(2)).sequenceWithoutJitter();
        assertThat(List.of(sender.next(), sender.next(), sender.next(), sender.next(), sender.next()))
                .containsExactly(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(1200),
                        Duration.ofSeconds(2), Duration.ofSeconds(2));
        sender.reset();
        assertThat(sender.next()).isEqualTo(Duration.ofMillis(300));
        assertThat(new Backoff(Duration.ofNanos(3), Duration.ofHours(1)).ceiling(Integer.MAX_VALUE))
                .isEqualTo(Duration.ofHours(1));
    }
}
