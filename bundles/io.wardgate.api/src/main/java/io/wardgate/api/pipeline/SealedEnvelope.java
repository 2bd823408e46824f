package io.wardgate.api.pipeline;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sealed batch of readings: the COSE bytes, and a copy of its routing tags.
 *
 * @param tags the routing tags (also inside the signed header)
 * @param bytes the COSE structure; copied in and out
 */
public record SealedEnvelope(EnvelopeTags tags, byte[] bytes) {
    /** The largest envelope the pipeline carries (MQTT brokers commonly cap messages near here). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    public SealedEnvelope {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("an envelope has 1 to " + MAX_BYTES + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedEnvelope that && tags.equals(that.tags) && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * tags.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SealedEnvelope[" + tags + ", " + bytes.length + " bytes]";
    }
}
