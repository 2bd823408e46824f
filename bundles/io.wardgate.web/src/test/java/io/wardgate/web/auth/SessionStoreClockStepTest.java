package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 3: a session's idle timeout and maximum age are durations, so a wall-clock step (NTP
 * on a board without a real-time clock) neither ends a session early nor keeps it alive for ever. The
 * wall clock and the monotonic clock are injected apart and moved apart.
 */
class SessionStoreClockStepTest {
    private static final Duration IDLE = Duration.ofMinutes(15);
    private final MutableClock wall = MutableClock.startingNow();
    // near the wrap of a long, as System.nanoTime may be: differences must still come out right
    private final AtomicLong ticks = new AtomicLong(Long.MAX_VALUE - Duration.ofHours(1).toNanos());
    private final SessionStore store = new SessionStore(wall, ticks::get, new Secrets(new SecureRandom()), IDLE);

    private void elapse(Duration duration) {
        wall.advance(duration);
        ticks.addAndGet(duration.toNanos());
    }

    @Test
    void aForwardStepOfDaysDoesNotEndASessionEarly() {
        String id = store.create("alice", Role.ADMINISTRATOR, Session.Stage.ACTIVE);
        elapse(Duration.ofMinutes(1));
        wall.advance(Duration.ofDays(3));
        assertThat(store.touch(id)).as("one minute of real time has passed, not three days").isPresent()
                .get().satisfies(s -> assertThat(s.lastSeen()).as("the display time is the new wall time")
                        .isEqualTo(wall.instant()));
        elapse(IDLE.minusSeconds(1));
        assertThat(store.touch(id)).isPresent();
        elapse(IDLE);
        assertThat(store.touch(id)).as("but it still ends after the idle timeout").isEmpty();
    }

    @Test
    void aBackwardStepOfHoursDoesNotLengthenTheIdleTimeout() {
        String id = store.create("alice", Role.ADMINISTRATOR, Session.Stage.ACTIVE);
        elapse(Duration.ofMinutes(5));
        wall.advance(Duration.ofHours(-6));
        elapse(IDLE);
        assertThat(store.touch(id)).as("15 idle minutes have passed whatever the wall clock says").isEmpty();
    }

    @Test
    void aBackwardStepOfHoursDoesNotLetABusySessionOutliveTheMaximumAge() {
        String id = store.create("bob", Role.VIEWER, Session.Stage.ACTIVE);
        for (int i = 1; i <= 71; i++) { // a request every 10 minutes for 11 h 50 min
            if (i == 60) {
                wall.advance(Duration.ofHours(-8));
            }
            elapse(Duration.ofMinutes(10));
            assertThat(store.touch(id)).as("%d min old: still alive", i * 10).isPresent();
        }
        elapse(Duration.ofMinutes(10));
        assertThat(store.touch(id)).as("12 h old in real time, though the wall clock says 4 h").isEmpty();
    }

    @Test
    void aForwardStepDoesNotMakeTheFullStoreEvictTheWrongSession() {
        String first = store.create("u0", Role.VIEWER, Session.Stage.ACTIVE);
        for (int i = 1; i < SessionStore.MAX_SESSIONS; i++) {
            elapse(Duration.ofSeconds(1));
            store.create("u" + i, Role.VIEWER, Session.Stage.ACTIVE);
        }
        elapse(Duration.ofSeconds(1));
        assertThat(store.touch(first)).isPresent(); // now the most recently used
        wall.advance(Duration.ofDays(2));
        store.create("newcomer", Role.VIEWER, Session.Stage.ACTIVE);
        assertThat(store.size()).isEqualTo(SessionStore.MAX_SESSIONS);
        assertThat(store.touch(first)).as("the least recently used went, not the one just used").isPresent();
    }
}
