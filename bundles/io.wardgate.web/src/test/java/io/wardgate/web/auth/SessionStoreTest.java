package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private final SessionStore store = new SessionStore(clock, new Secrets(new SecureRandom()), Duration.ofMinutes(15));

    @Test
    void anIdleSessionExpiresAfterTheTimeoutAndAnActiveOneDoesNot() {
        String id = store.create("alice", Role.VIEWER, Session.Stage.ACTIVE);
        clock.advance(Duration.ofMinutes(14));
        assertThat(store.touch(id)).isPresent();
        clock.advance(Duration.ofMinutes(14));
        assertThat(store.touch(id)).as("a request 14 min after the last one keeps it alive").isPresent();
        clock.advance(Duration.ofMinutes(15));
        assertThat(store.touch(id)).isEmpty();
        assertThat(store.touch(id)).isEmpty();
    }

    @Test
    void everySessionEndsAfterTheMaximumAgeHoweverBusy() {
        String id = store.create("alice", Role.VIEWER, Session.Stage.ACTIVE);
        for (int i = 0; i < 12 * 6; i++) {
            clock.advance(Duration.ofMinutes(10));
            store.touch(id);
        }
        assertThat(store.touch(id)).isEmpty();
    }

    @Test
    void idsAndCsrfTokensAreRandomAndDistinctAndLogoutEndsTheSession() {
        String a = store.create("alice", Role.ADMINISTRATOR, Session.Stage.ACTIVE);
        String b = store.create("alice", Role.ADMINISTRATOR, Session.Stage.ACTIVE);
        assertThat(a).isNotEqualTo(b).hasSizeGreaterThanOrEqualTo(43);
        assertThat(store.touch(a).orElseThrow().csrfToken()).isNotEqualTo(store.touch(b).orElseThrow().csrfToken());
        store.invalidate(a);
        assertThat(store.touch(a)).isEmpty();
        assertThat(store.touch(b)).isPresent();
        store.invalidateUser("alice");
        assertThat(store.touch(b)).isEmpty();
    }

    @Test
    void aShorterConfiguredTimeoutAppliesToExistingSessions() {
        String id = store.create("bob", Role.AUDITOR, Session.Stage.ACTIVE);
        store.setIdleTimeout(Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(3));
        assertThat(store.touch(id)).isEmpty();
    }

    @Test
    void theStoreIsBounded() {
        for (int i = 0; i < SessionStore.MAX_SESSIONS + 20; i++) {
            store.create("u" + i, Role.VIEWER, Session.Stage.ACTIVE);
        }
        assertThat(store.size()).isEqualTo(SessionStore.MAX_SESSIONS);
    }
}
