package io.wardgate.backend.kafka;

import io.wardgate.receiver.WindowBacked;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.seal.envelope.SealTags;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The de-duplication state of one envelopes partition: a {@link WindowDeduplicator} whose every
 * change (an envelope written) is also a changelog record, produced in the same Kafka transaction
 * as the outputs and the consumer offsets. Record key: the stream (gateway NUL device NUL epoch);
 * value: the highest sequence (8 bytes), the window bitmap, then the count (4 bytes) and the ranges
 * (8 + 8 bytes each) of sequences skipped and not arrived yet. Without those ranges a new owner would
 * answer STALE to a gateway's backlog arriving below the window after an outage (the live envelopes
 * went first), and drop it. A value without the ranges (written before they were added) restores none.
 * The changelog is compacted, so a new owner of the partition restores the last state of every stream.
 */
final class PartitionState extends WindowBacked {
    private static final int MAX_KEY_BYTES = 64 + 1 + 256 + 1 + 20;
    /** More than the de-duplicator keeps per stream: a record with more ranges is not ours. */
    private static final int MAX_RANGES = 64;

    private final int window;
    private final List<Change> pending = new ArrayList<>();

    /** A changelog record to produce: the stream key and its new state. */
    record Change(byte[] key, byte[] value) {
    }

    PartitionState(int window, int maxStreams) {
        super(new WindowDeduplicator(window, maxStreams));
        this.window = window;
    }

    @Override
    public void written(SealTags tags) {
        Optional<WindowDeduplicator.StreamState> state = memory.stream(tags);
        if (state.isEmpty()) {
            return;
        }
        long[] bits = state.get().bits();
        List<WindowDeduplicator.Range> missing = memory.missing(tags);
        ByteBuffer value = ByteBuffer.allocate(8 + bits.length * 8 + 4 + missing.size() * 16)
                .putLong(state.get().highest());
        for (long word : bits) {
            value.putLong(word);
        }
        value.putInt(missing.size());
        for (WindowDeduplicator.Range range : missing) {
            value.putLong(range.from()).putLong(range.to());
        }
        pending.add(new Change(tags.streamKey().getBytes(StandardCharsets.UTF_8), value.array()));
    }

    /** The changes since the last call, to produce to the changelog. */
    List<Change> drain() {
        List<Change> changes = List.copyOf(pending);
        pending.clear();
        return changes;
    }

    /**
     * Applies one changelog record while restoring. A record that does not parse or has another
     * window size is refused with the reason: the state cannot be trusted then.
     */
    void restore(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            return;
        }
        int stateBytes = 8 + window / 8;
        int tail = value.length - stateBytes;
        boolean fits = tail == 0 || tail >= 4 && (tail - 4) % 16 == 0 && (tail - 4) / 16 <= MAX_RANGES
                && ByteBuffer.wrap(value, stateBytes, 4).getInt() == (tail - 4) / 16;
        if (key.length > MAX_KEY_BYTES || !fits) {
            throw new IllegalStateException("changelog record of " + value.length + " bytes does not fit window "
                    + window + " (was --window changed?)");
        }
        String[] parts = new String(key, StandardCharsets.UTF_8).split("\u0000", -1);
        if (parts.length != 3) {
            throw new IllegalStateException("changelog key is not gateway, device and epoch");
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long highest = buffer.getLong();
        long[] bits = new long[window / 64];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = buffer.getLong();
        }
        SealTags stream = new SealTags(parts[0], parts[1], Long.parseLong(parts[2]), Math.max(0, highest),
                Instant.EPOCH);
        memory.restore(stream, new WindowDeduplicator.StreamState(highest, bits));
        int ranges = buffer.remaining() == 0 ? 0 : buffer.getInt();
        for (int i = 0; i < ranges; i++) {
            memory.restoreMissing(stream, buffer.getLong(), buffer.getLong());
        }
    }
}
