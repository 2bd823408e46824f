package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock,
            new LoginThrottle.Limits(3, 5, Duration.ofMinutes(10), Duration.ofMinutes(15)));

    @Test
    void locksTheUserAfterTheLimitForTheLockoutTime() {
        assertThat(throttle.recordFailure("alice", "10.0.0.1")).isFalse();
        assertThat(throttle.recordFailure("alice", "10.0.0.2")).isFalse();
        assertThat(throttle.lockedUntil("alice", "10.0.0.3")).isEmpty();
        assertThat(throttle.recordFailure("alice", "10.0.0.3")).isTrue();
        assertThat(throttle.lockedUntil("alice", "10.0.0.9")).hasValue(clock.instant().plus(Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.lockedUntil("alice", "10.0.0.9")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.lockedUntil("alice", "10.0.0.9")).isEmpty();
    }

    @Test
    void locksASourceAddressThatGuessesManyNames() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.recordFailure("user" + i, "192.0.2.7")).isFalse();
        }
        assertThat(throttle.recordFailure("user9", "192.0.2.7")).isTrue();
        assertThat(throttle.lockedUntil("bob", "192.0.2.7")).isPresent();
        assertThat(throttle.lockedUntil("bob", "192.0.2.8")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        throttle.recordFailure("carol", "a");
        throttle.recordFailure("carol", "b");
        clock.advance(Duration.ofMinutes(11));
        assertThat(throttle.recordFailure("carol", "c")).isFalse();
        assertThat(throttle.lockedUntil("carol", "d")).isEmpty();
    }

    @Test
    void successClearsTheUserCountAndAnAdministratorCanUnlock() {
        throttle.recordFailure("dave", "a");
        throttle.recordFailure("dave", "a");
        throttle.recordSuccess("dave");
        assertThat(throttle.recordFailure("dave", "b")).isFalse();
        throttle.recordFailure("dave", "c");
        throttle.recordFailure("dave", "c");
        assertThat(throttle.lockedUntil("dave", "x")).isPresent();
        throttle.recordSuccess("dave");
        assertThat(throttle.lockedUntil("dave", "x")).as("success does not lift a lock").isPresent();
        throttle.unlock("dave");
        assertThat(throttle.lockedUntil("dave", "x")).isEmpty();
    }

    @Test
    void theNumberOfTrackedKeysIsBounded() {
        for (int i = 0; i < LoginThrottle.MAX_KEYS + 500; i++) {
            throttle.recordFailure("u" + i, "addr" + (i % 1000));
        }
        assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(LoginThrottle.MAX_KEYS);
    }
}
