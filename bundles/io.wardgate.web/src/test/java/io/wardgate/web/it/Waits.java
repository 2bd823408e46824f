package io.wardgate.web.it;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** Waiting on a condition with a deadline (never a bare sleep). */
final class Waits {
    private Waits() {
    }

    static <T> T until(Duration deadline, String what, Callable<T> probe) {
        return Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(probe, v -> v != null);
    }
}
