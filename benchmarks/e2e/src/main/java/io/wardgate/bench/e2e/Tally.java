package io.wardgate.bench.e2e;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What the receiver side counted in one step: readings (a numeric or a waveform sample each) per
 * device kind, envelopes and their sequence numbers per device (gaps are loss), rejections, and for
 * every reading object its latency from its receivedAt (the gateway's reception, or the load source's
 * submission) to its arrival at the subscriber. One writer thread; readers synchronise.
 */
final class Tally {
    private long localReadings;
    private long serialReadings;
    private long envelopes;
    private long rejected;
    private long duplicates;
    private long firstArrivalMicros;
    private long firstSerialArrivalMicros;
    private long lastArrivalMicros;
    private long lastLocalArrivalMicros;
    private long firstLocalArrivalMicros;
    private long lastLocalBornMicros;
    private final java.util.TreeMap<Long, Long> localByBorn = new java.util.TreeMap<>();
    private final Map<String, BitSet> sequences = new HashMap<>();
    private long[] bornMicros = new long[1 << 16];
    private long[] latencyMicros = new long[1 << 16];
    private int size;
    private long[] transitBorn = new long[1 << 12];
    private long[] transitMicros = new long[1 << 12];
    private int transitSize;
    private final java.util.List<long[]> alarms = new java.util.ArrayList<>();

    synchronized void envelope(String deviceId, long sequence, long arrivalMicros) {
        envelope(deviceId, sequence, arrivalMicros, -1);
    }

    /** An envelope sealed at {@code sealedAtMicros} (-1: unknown): its time from sealing to arrival is kept. */
    synchronized void envelope(String deviceId, long sequence, long arrivalMicros, long sealedAtMicros) {
        if (sealedAtMicros > 0 && deviceId.startsWith("local:")) {
            if (transitSize == transitBorn.length) {
                transitBorn = Arrays.copyOf(transitBorn, transitSize * 2);
                transitMicros = Arrays.copyOf(transitMicros, transitSize * 2);
            }
            transitBorn[transitSize] = sealedAtMicros;
            transitMicros[transitSize++] = arrivalMicros - sealedAtMicros;
        }
        envelopes++;
        if (firstArrivalMicros == 0 || arrivalMicros < firstArrivalMicros) {
            firstArrivalMicros = arrivalMicros;
        }
        lastArrivalMicros = Math.max(lastArrivalMicros, arrivalMicros);
        if (sequence >= 0 && sequence < Integer.MAX_VALUE) {
            sequences.computeIfAbsent(deviceId, d -> new BitSet()).set((int) sequence);
        }
    }

    synchronized void reading(String deviceId, long count, long receivedAtMicros, long arrivalMicros) {
        if (deviceId.startsWith("local:")) {
            localReadings += count;
            lastLocalBornMicros = Math.max(lastLocalBornMicros, receivedAtMicros);
            localByBorn.merge(receivedAtMicros, count, Long::sum);
            lastLocalArrivalMicros = Math.max(lastLocalArrivalMicros, arrivalMicros);
            if (firstLocalArrivalMicros == 0 || arrivalMicros < firstLocalArrivalMicros) {
                firstLocalArrivalMicros = arrivalMicros;
            }
        } else {
            serialReadings += count;
            if (firstSerialArrivalMicros == 0 || arrivalMicros < firstSerialArrivalMicros) {
                firstSerialArrivalMicros = arrivalMicros;
            }
        }
        if (size == bornMicros.length) {
            bornMicros = Arrays.copyOf(bornMicros, size * 2);
            latencyMicros = Arrays.copyOf(latencyMicros, size * 2);
        }
        bornMicros[size] = receivedAtMicros;
        latencyMicros[size] = arrivalMicros - receivedAtMicros;
        size++;
    }

    synchronized void rejected() {
        rejected++;
    }

    synchronized void duplicate() {
        duplicates++;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long localReadings() {
        return localReadings;
    }

    synchronized long serialReadings() {
        return serialReadings;
    }

    synchronized long envelopes() {
        return envelopes;
    }

    synchronized long rejectedCount() {
        return rejected;
    }

    synchronized long firstArrivalMicros() {
        return firstArrivalMicros;
    }

    /** The first reading from a serial device (through the real driver path), or 0. */
    synchronized long firstSerialArrivalMicros() {
        return firstSerialArrivalMicros;
    }

    /** The first arrival of a reading from the load source's devices, or 0. */
    synchronized long firstLocalArrivalMicros() {
        return firstLocalArrivalMicros;
    }

    /** The last arrival of a reading from the load source's devices. */
    synchronized long lastLocalArrivalMicros() {
        return lastLocalArrivalMicros;
    }

    /** The distinct receivedAt times of load-source readings that arrived, oldest first. */
    synchronized java.util.List<Long> localBornTimes() {
        return java.util.List.copyOf(localByBorn.keySet());
    }

    /** Load-source readings that arrived and were born (receivedAt) before the given time. */
    synchronized long localReadingsBornBefore(long micros) {
        return localByBorn.headMap(micros).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The newest receivedAt of a load-source reading that arrived (0: none). */
    synchronized long lastLocalBornMicros() {
        return lastLocalBornMicros;
    }

    synchronized long lastArrivalMicros() {
        return lastArrivalMicros;
    }

    /** Envelopes missing below each device's highest sequence number (the receiver saw a gap). */
    synchronized long sequenceGaps() {
        long gaps = 0;
        for (BitSet seen : sequences.values()) {
            gaps += seen.length() - seen.cardinality();
        }
        return gaps;
    }

    /** Latency percentiles (ms) of the reading objects born in [fromMicros, toMicros). */
    synchronized Latency latency(long fromMicros, long toMicros) {
        long[] picked = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (bornMicros[i] >= fromMicros && bornMicros[i] < toMicros) {
                picked[n++] = latencyMicros[i];
            }
        }
        return Latency.of(Arrays.copyOf(picked, n));
    }

    /** From sealing to arrival (store, uplink, broker, subscriber) of the envelopes sealed in [from, to). */
    synchronized Latency transit(long fromMicros, long toMicros) {
        long[] picked = new long[transitSize];
        int n = 0;
        for (int i = 0; i < transitSize; i++) {
            if (transitBorn[i] >= fromMicros && transitBorn[i] < toMicros) {
                picked[n++] = transitMicros[i];
            }
        }
        return Latency.of(Arrays.copyOf(picked, n));
    }

    /** An alarm change raised on the gateway at {@code raisedMicros} arrived at {@code arrivalMicros}. */
    synchronized void alarm(long raisedMicros, long arrivalMicros) {
        alarms.add(new long[] {raisedMicros, arrivalMicros - raisedMicros});
    }

    /** Latency (ms) of the alarm changes raised in [fromMicros, toMicros), from raise to arrival. */
    synchronized Latency alarmLatency(long fromMicros, long toMicros) {
        return Latency.of(alarms.stream().filter(a -> a[0] >= fromMicros && a[0] < toMicros).mapToLong(a -> a[1])
                .toArray());
    }

    /** p50, p99 and max in milliseconds over n reading objects. */
    record Latency(long count, double p50, double p99, double max) {
        static Latency of(long[] micros) {
            if (micros.length == 0) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
            }
            Arrays.sort(micros);
            return new Latency(micros.length, at(micros, 0.50), at(micros, 0.99), micros[micros.length - 1] / 1000.0);
        }

        private static double at(long[] sorted, double quantile) {
            int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }
    }
}
