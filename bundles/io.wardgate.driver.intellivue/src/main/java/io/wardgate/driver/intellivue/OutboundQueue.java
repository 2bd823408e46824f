package io.wardgate.driver.intellivue;

import io.wardgate.api.driver.SessionOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Frames waiting to go to the monitor, released at most {@value #FRAMES_PER_WINDOW} per 128 ms
 * (device-protocols.md line 19: "Host sends at most 4 frames per 128 ms"). Holds at most
 * {@value #CAPACITY} frames; a frame offered to a full queue is refused.
 */
final class OutboundQueue {
    static final int FRAMES_PER_WINDOW = 4;
    static final Duration WINDOW = Duration.ofMillis(128);
    static final int CAPACITY = 16;

    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    /** When the last {@value #FRAMES_PER_WINDOW} frames were sent, oldest first; null until sent. */
    private final Instant[] sentAt = new Instant[FRAMES_PER_WINDOW];
    private int oldest;

    boolean offer(byte[] frame) {
        if (pending.size() >= CAPACITY) {
            return false;
        }
        pending.add(frame);
        return true;
    }

    void clear() {
        pending.clear();
    }

    int size() {
        return pending.size();
    }

    /** Sends what the rate allows now; the rest waits for a later call. */
    void flush(Instant now, SessionOutput out) {
        while (!pending.isEmpty()) {
            Instant oldestSend = sentAt[oldest];
            if (oldestSend != null && now.isBefore(oldestSend.plus(WINDOW))) {
                return;
            }
            out.send(pending.poll());
            sentAt[oldest] = now;
            oldest = (oldest + 1) % FRAMES_PER_WINDOW;
        }
    }
}
