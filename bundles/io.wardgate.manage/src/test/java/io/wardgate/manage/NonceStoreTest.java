package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 7 of the security review: a management request must not be accepted twice after the
 * gateway's clock is set back (NTP is unauthenticated). Nonces are forgotten only relative to the
 * newest accepted request, never relative to the local clock, and survive a restart.
 */
class NonceStoreTest {
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Instant T = Instant.parse("2031-03-01T10:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void aRequestAcceptedBeforeABackwardClockStepIsStillAReplayAfterIt() throws Exception {
        NonceStore store = new NonceStore(dir.resolve("nonces"), 100);
        byte[] first = nonce();
        // Accepted at T, valid until T+5 min.
        assertThat(store.accept(first, T.plus(LIFETIME), T, LIFETIME)).isEqualTo(NonceStore.Result.ACCEPTED);
        // Later requests go on (the clock at T+10 min): the first one's expiry has passed.
        Instant later = T.plus(Duration.ofMinutes(10));
        assertThat(store.accept(nonce(), later.plus(LIFETIME), later, LIFETIME)).isEqualTo(NonceStore.Result.ACCEPTED);

        // The clock is stepped back to T: by the local clock the first request is valid again.
        assertThat(store.accept(first, T.plus(LIFETIME), T, LIFETIME)).isNotEqualTo(NonceStore.Result.ACCEPTED);
        // So is any request that expired before the newest accepted one was issued, even with a fresh nonce.
        assertThat(store.accept(nonce(), T.plus(LIFETIME), T, LIFETIME)).isEqualTo(NonceStore.Result.STALE);
        // ...and after a restart too.
        NonceStore reopened = new NonceStore(dir.resolve("nonces"), 100);
        assertThat(reopened.accept(first, T.plus(LIFETIME), T, LIFETIME)).isNotEqualTo(NonceStore.Result.ACCEPTED);
    }

    @Test
    void requestsIssuedWithinOneLifetimeOfTheNewestAreAcceptedAndOldNoncesAreForgotten() throws Exception {
        NonceStore store = new NonceStore(dir.resolve("nonces"), 3);
        Instant now = T;
        for (int i = 0; i < 50; i++) {
            now = now.plus(Duration.ofMinutes(6));
            // A long-lived request, then a short-lived one issued at the same time: both fresh.
            assertThat(store.accept(nonce(), now.plus(LIFETIME), now, LIFETIME)).isEqualTo(NonceStore.Result.ACCEPTED);
            assertThat(store.accept(nonce(), now.plusSeconds(10), now, LIFETIME)).isEqualTo(NonceStore.Result.ACCEPTED);
        }
        // Capacity 3 was never exceeded: nonces no longer acceptable under any clock were dropped.
        assertThat(store.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void aReplayIsRefusedWithoutAnyClockChange() throws Exception {
        NonceStore store = new NonceStore(dir.resolve("nonces"), 10);
        byte[] nonce = nonce();
        assertThat(store.accept(nonce, T.plus(LIFETIME), T, LIFETIME)).isEqualTo(NonceStore.Result.ACCEPTED);
        assertThat(store.accept(nonce, T.plus(LIFETIME), T.plusSeconds(1), LIFETIME)).isEqualTo(NonceStore.Result.REPLAYED);
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return nonce;
    }
}
