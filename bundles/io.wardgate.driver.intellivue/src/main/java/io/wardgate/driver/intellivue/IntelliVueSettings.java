package io.wardgate.driver.intellivue;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing and limits of an {@link IntelliVueSession}.
 *
 * @param numericPollPeriod how often numerics and the alert monitor are polled (100 ms to 60 s); also keeps
 *        the association alive
 * @param wavePollPeriod how often waves are polled (100 ms to 10 s)
 * @param pollWaves whether waves are polled at all (at 115200 baud every wave at once does not fit)
 * @param responseTimeout how long to wait for an association result, the MDS create event or a poll result
 *        (500 ms to 60 s)
 * @param silenceTimeout an associated monitor that sends nothing for this long is given up (1 s to 120 s)
 * @param backoffMin first wait before re-associating (100 ms to 60 s); doubles per failed attempt
 * @param backoffMax longest wait before re-associating (at least backoffMin, at most 10 min)
 * @param maxFrameLength largest frame accepted, header and FCS included (64 to 65541 bytes)
 */
public record IntelliVueSettings(Duration numericPollPeriod, Duration wavePollPeriod, boolean pollWaves,
        Duration responseTimeout, Duration silenceTimeout, Duration backoffMin, Duration backoffMax,
        int maxFrameLength) {

    public static final int DEFAULT_MAX_FRAME_LENGTH = 4096;

    public IntelliVueSettings {
        within(numericPollPeriod, "numericPollPeriod", Duration.ofMillis(100), Duration.ofSeconds(60));
        within(wavePollPeriod, "wavePollPeriod", Duration.ofMillis(100), Duration.ofSeconds(10));
        within(responseTimeout, "responseTimeout", Duration.ofMillis(500), Duration.ofSeconds(60));
        within(silenceTimeout, "silenceTimeout", Duration.ofSeconds(1), Duration.ofSeconds(120));
        within(backoffMin, "backoffMin", Duration.ofMillis(100), Duration.ofSeconds(60));
        within(backoffMax, "backoffMax", backoffMin, Duration.ofMinutes(10));
        if (maxFrameLength < 64 || maxFrameLength > 0xFFFF + FrameDecoder.OVERHEAD) {
            throw new IllegalArgumentException("maxFrameLength must be 64 to 65541, not " + maxFrameLength);
        }
    }

    /** Numerics every second, waves every 256 ms, 5 s timeouts, re-association after 1 s doubling to 30 s. */
    public static IntelliVueSettings defaults() {
        return new IntelliVueSettings(Duration.ofSeconds(1), Duration.ofMillis(256), true, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), DEFAULT_MAX_FRAME_LENGTH);
    }

    private static void within(Duration value, String name, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", not " + value);
        }
    }
}
