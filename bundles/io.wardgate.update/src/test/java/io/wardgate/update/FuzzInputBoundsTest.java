package io.wardgate.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.testkit.FuzzInputBounds;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The per-input bounds of every fuzz test's regression run (io.wardgate.testkit.FuzzInputBounds):
 * a hanging input and an input allocating beyond the bound fail; and the bound is really applied to
 * a @FuzzTest of this build (it runs on the bounded thread).
 */
class FuzzInputBoundsTest {

    @Test
    void aHangingInputFails() {
        CountDownLatch never = new CountDownLatch(1);
        assertThatThrownBy(() -> FuzzInputBounds.bounded(never::await, Duration.ofMillis(300), 1 << 20))
                .isInstanceOf(AssertionError.class).hasMessageContaining("a hang");
    }

    @Test
    void anInputAllocatingBeyondTheBoundFails() {
        assertThatThrownBy(() -> FuzzInputBounds.bounded(() -> {
            byte[][] chunks = new byte[8][];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = new byte[1 << 20];
            }
            assertThat(chunks[7]).hasSize(1 << 20);
        }, Duration.ofSeconds(10), 4 << 20)).isInstanceOf(AssertionError.class).hasMessageContaining("above the bound");
    }

    @Test
    void anInputWithinTheBoundsPassesAndItsFailuresStayItsOwn() throws Throwable {
        FuzzInputBounds.bounded(() -> assertThat(1 + 1).isEqualTo(2), Duration.ofSeconds(10), 64 << 20);
        assertThatThrownBy(() -> FuzzInputBounds.bounded(() -> {
            throw new IllegalStateException("the input's own failure");
        }, Duration.ofSeconds(10), 64 << 20)).isInstanceOf(IllegalStateException.class);
    }

    @FuzzTest(maxDuration = "5s")
    void fuzzInputsRunUnderTheBounds(byte[] data) {
        if (System.getenv("JAZZER_FUZZ") == null) {
            assertThat(Thread.currentThread().getName()).isEqualTo("fuzz-input");
        }
    }
}
