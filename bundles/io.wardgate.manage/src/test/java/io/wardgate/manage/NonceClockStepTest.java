package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 4: every request accepted in the hours before NTP steps the clock back by hours stays
 * refused after the step, also after a restart (the window is relative to the newest accepted request).
 */
class NonceClockStepTest {
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private record Accepted(byte[] nonce, Instant expiry) {
    }

    @Test
    void acceptedRequestsStayRefusedAfterABackwardStepOfHours() throws Exception {
        NonceStore store = new NonceStore(dir.resolve("nonces"), 1000);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < 24; i++) { // one request every 10 minutes for four hours
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            Instant expiry = now.plus(LIFETIME);
            assertThat(store.accept(nonce, expiry, now, LIFETIME)).isEqualTo(NonceStore.Result.ACCEPTED);
            accepted.add(new Accepted(nonce, expiry));
            now = now.plus(Duration.ofMinutes(10));
        }
        NonceStore reopened = new NonceStore(dir.resolve("nonces"), 1000);
        for (NonceStore s : List.of(store, reopened)) {
            for (Accepted a : accepted) {
                // the clock stepped back so far that this request's expiry lies ahead again
                Instant stepped = a.expiry().minus(Duration.ofMinutes(1));
                assertThat(s.accept(a.nonce(), a.expiry(), stepped, LIFETIME))
                        .isIn(NonceStore.Result.REPLAYED, NonceStore.Result.STALE);
            }
        }
    }
}
