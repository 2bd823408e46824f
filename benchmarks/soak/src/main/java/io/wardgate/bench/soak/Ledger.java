package io.wardgate.bench.soak;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The soak's bookkeeping of envelope streams, one per device and boot epoch (the sealer numbers
 * envelopes from 0 in each epoch). Two sides are fed: what the gateway's outbox recorded as stored
 * (its highest stored sequence per stream, read from the database after each kill) and what the
 * receiver accepted after de-duplication. The verdict holds every stored sequence that never
 * arrived (a gap inside what arrived, or a lost tail), every one accepted twice, and every one
 * accepted that the outbox never recorded (the checker's own bookkeeping is then wrong).
 * Thread-safe: the receiver feeds it from its own thread.
 */
public final class Ledger {
    private final Map<String, Long> stored = new TreeMap<>();
    private final Map<String, BitSet> accepted = new TreeMap<>();
    private final List<String> duplicates = new ArrayList<>();
    private final List<String> decreases = new ArrayList<>();
    private long duplicateCount;
    private long acceptedCount;

    /** The outbox's highest stored sequence of a stream, as read now; it may only grow. */
    public synchronized void stored(String device, long epoch, long lastSequence) {
        if (lastSequence < 0 || lastSequence >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence out of range: " + lastSequence);
        }
        String key = key(device, epoch);
        Long before = stored.get(key);
        if (before != null && before > lastSequence) {
            decreases.add(key + " went from " + before + " to " + lastSequence);
            return;
        }
        stored.put(key, lastSequence);
    }

    /** An envelope the receiver accepted (opened, verified, not a duplicate by its window). */
    public synchronized void accepted(String device, long epoch, long sequence) {
        if (sequence < 0 || sequence >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        String key = key(device, epoch);
        BitSet seen = accepted.computeIfAbsent(key, k -> new BitSet());
        acceptedCount++;
        if (seen.get((int) sequence)) {
            duplicateCount++;
            if (duplicates.size() < 20) {
                duplicates.add(key + "#" + sequence);
            }
            return;
        }
        seen.set((int) sequence);
    }

    public synchronized long acceptedCount() {
        return acceptedCount;
    }

    /** Envelopes the outbox recorded as stored, over every stream. */
    public synchronized long storedCount() {
        return stored.values().stream().mapToLong(last -> last + 1).sum();
    }

    /** True when every stored envelope has been accepted at least once (the receiver has caught up). */
    public synchronized boolean caughtUp() {
        for (Map.Entry<String, Long> stream : stored.entrySet()) {
            BitSet seen = accepted.get(stream.getKey());
            int last = stream.getValue().intValue();
            if (seen == null || seen.nextClearBit(0) <= last) {
                return false;
            }
        }
        return true;
    }

    public synchronized Verdict verdict() {
        long gaps = 0;
        long lostTail = 0;
        long unrecorded = 0;
        List<String> examples = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(stored.keySet());
        keys.addAll(accepted.keySet());
        for (String key : keys) {
            long last = stored.getOrDefault(key, -1L);
            BitSet seen = accepted.getOrDefault(key, new BitSet());
            int highestSeen = seen.length() - 1;
            for (int missing = seen.nextClearBit(0); missing <= last; missing = seen.nextClearBit(missing + 1)) {
                if (missing < highestSeen) {
                    gaps++;
                    note(examples, "gap " + key + "#" + missing);
                } else {
                    lostTail++;
                    note(examples, "lost " + key + "#" + missing);
                }
            }
            if (highestSeen > last) {
                long beyond = seen.get((int) last + 1, highestSeen + 1).cardinality();
                unrecorded += beyond;
                note(examples, "accepted " + key + " up to #" + highestSeen + " but the outbox recorded #" + last);
            }
        }
        duplicates.forEach(d -> note(examples, "duplicate " + d));
        decreases.forEach(d -> note(examples, "outbox record decreased: " + d));
        return new Verdict(stored.size(), storedCount(), acceptedCount, gaps, lostTail, duplicateCount, unrecorded,
                decreases.size(), List.copyOf(examples));
    }

    private static void note(List<String> examples, String text) {
        if (examples.size() < 20) {
            examples.add(text);
        }
    }

    static String key(String device, long epoch) {
        return device + "@" + epoch;
    }

    /** The outcome: passed only when nothing is missing, doubled, or unaccounted for. */
    public record Verdict(int streams, long stored, long accepted, long gaps, long lostTail, long duplicates,
            long unrecorded, long decreases, List<String> examples) {
        public boolean passed() {
            return stored > 0 && gaps == 0 && lostTail == 0 && duplicates == 0 && unrecorded == 0 && decreases == 0;
        }
    }
}
