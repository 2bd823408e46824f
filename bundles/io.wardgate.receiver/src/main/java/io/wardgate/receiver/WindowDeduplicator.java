package io.wardgate.receiver;

import io.wardgate.seal.envelope.SealTags;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In-memory de-duplication with bounded memory, as IPsec's anti-replay window: per stream
 * (gateway, device, epoch) the highest sequence seen and a bitmap of the {@code window} sequences
 * below it. Out-of-order arrivals inside the window are accepted once; older ones are STALE. At
 * most {@code maxStreams} streams are kept (least recently used evicted); for a device whose
 * stream was evicted, its epochs up to the evicted one are answered STALE rather than risk
 * accepting a replay. Memory: about window/8 + 100 bytes per stream.
 *
 * <p>Backfill: the sequences a stream skipped when its highest jumped (a gateway hands out a device's
 * live envelopes ahead of its backlog after an outage) are remembered as missing ranges, at most
 * {@value #MAX_MISSING_RANGES} per stream. A missing sequence is accepted once, however far below the
 * window it lies; one not missing below the window is STALE as before. What stays missing is a true gap.
 */
public final class WindowDeduplicator implements Deduplicator {
    /** Missing ranges kept per stream; beyond, the lowest is forgotten (its sequences become STALE). */
    static final int MAX_MISSING_RANGES = 16;
    private final int window;
    private final int maxStreams;
    private final LinkedHashMap<String, Stream> streams;
    private final Map<String, Long> evictedEpochFloor = new HashMap<>();

    public WindowDeduplicator(int window, int maxStreams) {
        if (window < 64 || window > 1 << 20 || window % 64 != 0) {
            throw new IllegalArgumentException("window must be a multiple of 64 from 64 to 1048576");
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be positive");
        }
        this.window = window;
        this.maxStreams = maxStreams;
        this.streams = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public synchronized Verdict peek(SealTags tags) {
        return verdict(tags, false);
    }

    @Override
    public synchronized Verdict admit(SealTags tags) {
        return verdict(tags, true);
    }

    private Verdict verdict(SealTags tags, boolean mark) {
        String device = tags.gatewayId() + '\u0000' + tags.deviceId();
        Stream stream = streams.get(tags.streamKey());
        if (stream == null) {
            Long floor = evictedEpochFloor.get(device);
            if (floor != null && tags.epoch() <= floor) {
                return Verdict.STALE;
            }
            if (!mark) {
                return Verdict.NEW;
            }
            stream = new Stream(tags.sequence(), new long[window / 64]);
            stream.set(tags.sequence(), window);
            streams.put(tags.streamKey(), stream);
            evictIfFull(tags.streamKey());
            return Verdict.NEW;
        }
        long sequence = tags.sequence();
        if (sequence > stream.highest) {
            if (mark) {
                if (sequence > stream.highest + 1) {
                    stream.addMissing(stream.highest + 1, sequence - 1);
                }
                stream.advanceTo(sequence, window);
                stream.set(sequence, window);
            }
            return Verdict.NEW;
        }
        if (sequence <= stream.highest - window) {
            // below the window: only backfill of a sequence skipped earlier is new
            if (!stream.isMissing(sequence)) {
                return Verdict.STALE;
            }
            if (mark) {
                stream.arrived(sequence);
            }
            return Verdict.NEW;
        }
        if (stream.isSet(sequence, window)) {
            return Verdict.DUPLICATE;
        }
        if (mark) {
            stream.set(sequence, window);
            stream.arrived(sequence);
        }
        return Verdict.NEW;
    }

    private void evictIfFull(String keep) {
        while (streams.size() > maxStreams) {
            Map.Entry<String, Stream> eldest = streams.entrySet().iterator().next();
            if (eldest.getKey().equals(keep)) {
                return;
            }
            String[] parts = eldest.getKey().split("\u0000");
            evictedEpochFloor.merge(parts[0] + '\u0000' + parts[1], Long.parseLong(parts[2]), Math::max);
            streams.remove(eldest.getKey());
        }
    }

    @Override
    public synchronized void notWritten(SealTags tags) {
        Stream stream = streams.get(tags.streamKey());
        if (stream != null && tags.sequence() > stream.highest - window) {
            stream.clear(tags.sequence(), window);
        }
        if (stream != null && tags.sequence() < stream.highest) {
            stream.addMissing(tags.sequence(), tags.sequence()); // its redelivery is accepted, even below the window
        }
    }

    /** A range of sequence numbers, both ends included. */
    public record Range(long from, long to) {
    }

    /**
     * The sequences of the stream of {@code tags} skipped and not arrived since, lowest first: backfill
     * still to come, or a true gap (lost envelopes) if it never comes.
     */
    public synchronized java.util.List<Range> missing(SealTags tags) {
        Stream stream = streams.get(tags.streamKey());
        return stream == null ? java.util.List.of() : stream.missing();
    }

    /** Restores a missing range from a snapshot (see {@link Visitor#missing}); the stream must be known. */
    public synchronized void restoreMissing(SealTags tags, long from, long to) {
        Stream stream = streams.get(tags.streamKey());
        if (stream != null && from <= to && to < stream.highest) {
            stream.addMissing(from, to);
        }
    }

    /** What a snapshot holds: accepted envelopes still in a window, and epoch floors of evicted streams. */
    public interface Visitor {
        void accepted(String gatewayId, String deviceId, long epoch, long sequence) throws java.io.IOException;

        void evicted(String gatewayId, String deviceId, long epochFloor) throws java.io.IOException;

        /** Sequences from..to of the stream were skipped and have not arrived (visited after its accepted ones). */
        default void missing(String gatewayId, String deviceId, long epoch, long from, long to)
                throws java.io.IOException {
        }
    }

    /** Visits everything remembered, so that a persistent store can rewrite it compactly. */
    public synchronized void remembered(Visitor visitor) throws java.io.IOException {
        for (Map.Entry<String, Long> floor : evictedEpochFloor.entrySet()) {
            String[] parts = floor.getKey().split("\u0000");
            visitor.evicted(parts[0], parts[1], floor.getValue());
        }
        for (Map.Entry<String, Stream> entry : streams.entrySet()) {
            String[] parts = entry.getKey().split("\u0000");
            Stream stream = entry.getValue();
            for (long sequence = Math.max(0, stream.highest - window + 1); sequence <= stream.highest; sequence++) {
                if (stream.isSet(sequence, window)) {
                    visitor.accepted(parts[0], parts[1], Long.parseLong(parts[2]), sequence);
                }
            }
            for (Range range : stream.missing()) {
                visitor.missing(parts[0], parts[1], Long.parseLong(parts[2]), range.from(), range.to());
            }
        }
    }

    /** Restores an epoch floor from a snapshot (see {@link #remembered}). */
    public synchronized void restoreEvicted(String gatewayId, String deviceId, long epochFloor) {
        evictedEpochFloor.merge(gatewayId + '\u0000' + deviceId, epochFloor, Math::max);
    }

    /**
     * One stream's state, e.g. for a changelog: the highest sequence and the window's bitmap
     * (bit {@code s mod window} for sequence s). {@code bits} has window/64 longs.
     */
    public record StreamState(long highest, long[] bits) {
        public StreamState {
            bits = bits.clone();
        }

        @Override
        public long[] bits() {
            return bits.clone();
        }
    }

    /** The state of the stream of {@code tags} (gateway, device, epoch), if remembered. */
    public synchronized java.util.Optional<StreamState> stream(SealTags tags) {
        Stream stream = streams.get(tags.streamKey());
        return stream == null ? java.util.Optional.empty()
                : java.util.Optional.of(new StreamState(stream.highest, stream.bits));
    }

    /** Restores a stream's state written by {@link #stream}; a bitmap of another window size is refused. */
    public synchronized void restore(SealTags tags, StreamState state) {
        if (state.bits.length != window / 64) {
            throw new IllegalArgumentException("the state has a window of " + state.bits.length * 64 + ", not "
                    + window);
        }
        streams.put(tags.streamKey(), new Stream(state.highest(), state.bits()));
        evictIfFull(tags.streamKey());
    }

    /** Streams currently remembered. */
    public synchronized int streamCount() {
        return streams.size();
    }

    /** The highest sequence and a circular bitmap indexed by sequence modulo the window. */
    private static final class Stream {
        long highest;
        final long[] bits;
        /** Skipped sequences not arrived since, from -> to (inclusive); null while there are none. */
        private java.util.TreeMap<Long, Long> missing;

        Stream(long highest, long[] bits) {
            this.highest = highest;
            this.bits = bits;
        }

        boolean isSet(long sequence, int window) {
            int index = (int) Math.floorMod(sequence, (long) window);
            return (bits[index >>> 6] & (1L << (index & 63))) != 0;
        }

        void clear(long sequence, int window) {
            int index = (int) Math.floorMod(sequence, (long) window);
            bits[index >>> 6] &= ~(1L << (index & 63));
        }

        void set(long sequence, int window) {
            int index = (int) Math.floorMod(sequence, (long) window);
            bits[index >>> 6] |= 1L << (index & 63);
        }

        void addMissing(long from, long to) {
            if (missing == null) {
                missing = new java.util.TreeMap<>();
            }
            Map.Entry<Long, Long> below = missing.floorEntry(from);
            if (below != null && below.getValue() >= from - 1) {
                from = below.getKey();
                to = Math.max(to, below.getValue());
                missing.remove(below.getKey());
            }
            for (Map.Entry<Long, Long> next = missing.ceilingEntry(from); next != null && next.getKey() <= to + 1;
                    next = missing.ceilingEntry(from)) {
                to = Math.max(to, next.getValue());
                missing.remove(next.getKey());
            }
            missing.put(from, to);
            while (missing.size() > MAX_MISSING_RANGES) {
                missing.pollFirstEntry();
            }
        }

        boolean isMissing(long sequence) {
            Map.Entry<Long, Long> range = missing == null ? null : missing.floorEntry(sequence);
            return range != null && range.getValue() >= sequence;
        }

        /** The sequence arrived: no longer missing. */
        void arrived(long sequence) {
            Map.Entry<Long, Long> range = missing == null ? null : missing.floorEntry(sequence);
            if (range == null || range.getValue() < sequence) {
                return;
            }
            missing.remove(range.getKey());
            if (range.getKey() < sequence) {
                missing.put(range.getKey(), sequence - 1);
            }
            if (range.getValue() > sequence) {
                missing.put(sequence + 1, range.getValue());
            }
            if (missing.isEmpty()) {
                missing = null;
            }
        }

        java.util.List<Range> missing() {
            return missing == null ? java.util.List.of()
                    : missing.entrySet().stream().map(e -> new Range(e.getKey(), e.getValue())).toList();
        }

        void advanceTo(long sequence, int window) {
            if (sequence - highest >= window) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long s = highest + 1; s <= sequence; s++) {
                    int index = (int) Math.floorMod(s, (long) window);
                    bits[index >>> 6] &= ~(1L << (index & 63));
                }
            }
            highest = sequence;
        }
    }
}
