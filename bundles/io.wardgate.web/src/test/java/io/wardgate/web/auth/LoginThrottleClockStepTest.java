package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 3: a lockout is a duration, so a wall-clock step (NTP on a board without a real-time
 * clock) neither lifts it nor makes it last hours longer. Wall and monotonic clocks are injected apart.
 */
class LoginThrottleClockStepTest {
    private static final Duration LOCKOUT = Duration.ofMinutes(15);
    private final MutableClock wall = MutableClock.startingNow();
    private final AtomicLong ticks = new AtomicLong(42_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(wall, ticks::get,
            new LoginThrottle.Limits(3, 5, Duration.ofMinutes(10), LOCKOUT));

    private void elapse(Duration duration) {
        wall.advance(duration);
        ticks.addAndGet(duration.toNanos());
    }

    private void lockAlice() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("alice", "10.0.0." + i);
        }
        assertThat(throttle.lockedUntil("alice", "10.0.0.9")).isPresent();
    }

    @Test
    void aLockoutHoldsAcrossABackwardStepAndEndsOnTime() {
        lockAlice();
        elapse(Duration.ofMinutes(5));
        wall.advance(Duration.ofHours(-6));
        assertThat(throttle.lockedUntil("alice", "10.0.0.9"))
                .as("still locked, and the UI shows the remaining 10 minutes on the new wall clock")
                .hasValue(wall.instant().plus(Duration.ofMinutes(10)));
        assertThat(throttle.recordFailure("alice", "10.0.0.9")).isFalse();
        elapse(Duration.ofMinutes(10));
        assertThat(throttle.lockedUntil("alice", "10.0.0.9")).as("not six hours longer").isEmpty();
    }

    @Test
    void aForwardStepDoesNotLiftALockout() {
        lockAlice();
        wall.advance(Duration.ofDays(3));
        assertThat(throttle.lockedUntil("alice", "10.0.0.9")).isPresent();
        throttle.recordSuccess("alice");
        assertThat(throttle.lockedUntil("alice", "10.0.0.9")).as("a right password does not lift it").isPresent();
        elapse(LOCKOUT);
        assertThat(throttle.lockedUntil("alice", "10.0.0.9")).isEmpty();
    }

    @Test
    void failuresBeforeABackwardStepStillCountInTheWindow() {
        throttle.recordFailure("bob", "a");
        throttle.recordFailure("bob", "b");
        wall.advance(Duration.ofHours(-3));
        elapse(Duration.ofMinutes(1));
        assertThat(throttle.recordFailure("bob", "c")).as("the third failure within the window locks").isTrue();
    }
}
