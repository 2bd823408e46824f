package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MalformedInputLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void reportsTheFirstAndSumsUpTheRestPerInterval() {
        MalformedInputLimiter limiter = new MalformedInputLimiter(Duration.ofSeconds(10));
        long t0 = -5 * SECOND; // nanoTime may be negative
        assertThat(limiter.offer(t0, "first")).contains("first");
        for (int i = 1; i <= 1000; i++) {
            assertThat(limiter.offer(t0 + i * 1_000_000L, "bad " + i)).isEmpty();
        }
        assertThat(limiter.flush(t0 + 9 * SECOND)).isEmpty();
        assertThat(limiter.flush(t0 + 10 * SECOND)).contains("1000 more malformed inputs since the last report; latest: bad 1000");
        assertThat(limiter.flush(t0 + 30 * SECOND)).as("nothing held back").isEmpty();
        assertThat(limiter.offer(t0 + 31 * SECOND, "later")).contains("later");
    }

    @Test
    void aReportDueAtOfferCarriesTheCountHeldBack() {
        MalformedInputLimiter limiter = new MalformedInputLimiter(Duration.ofSeconds(1));
        assertThat(limiter.offer(0, "a")).contains("a");
        assertThat(limiter.offer(SECOND / 2, "b")).isEmpty();
        assertThat(limiter.offer(SECOND, "c")).contains("c (and 1 more since the last report)");
    }
}
