package io.wardgate.outbox;

import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.SealedEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** Test envelopes: opaque bytes with routing tags (the outbox never looks inside). */
final class Envelopes {
    /**
     * When the test envelopes were sealed: an hour before the test run, so they are fresh both for tests
     * that move a {@link io.wardgate.testkit.MutableClock} from here and for the component on the real
     * clock (its maximum age is hours), on any date.
     */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    private Envelopes() {
    }

    static SealedEnvelope envelope(String device, long sequence) {
        return envelope(device, sequence, 5, 100, T0.plusSeconds(sequence));
    }

    static SealedEnvelope envelope(String device, long sequence, int priority, int size, Instant sealedAt) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) (sequence & 0x7f));
        byte[] id = (device + "#" + sequence).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, bytes, 0, Math.min(id.length, size));
        return envelope(device, sequence, priority, bytes, sealedAt);
    }

    static SealedEnvelope envelope(String device, long sequence, int priority, byte[] bytes, Instant sealedAt) {
        EnvelopeTags tags = new EnvelopeTags("wg-test", device, 1, sequence, sealedAt,
                "wardgate/site-a/ward-3/wg-test/data/vitals", priority, 1);
        return new SealedEnvelope(tags, bytes);
    }
}
