package io.wardgate.seal.sealer;

import io.wardgate.seal.envelope.ContentAlgorithm;
import java.util.Objects;

/**
 * How the sealer batches.
 *
 * @param maxReadings a batch is sealed when it holds this many readings at the latest (1 to 10,000)
 * @param maxMillis or when its first reading has waited this long at the latest (10 to 60,000 ms)
 * @param algorithm the content encryption
 * @param maxPendingReadings readings accepted but not yet sealed, across devices; beyond, new
 *        readings are dropped and counted (1 to 10,000,000)
 * @param adaptive true: a batch is also sealed as soon as the pipeline has room for it ({@link BatchPolicy});
 *        false: only at the bounds above (the fixed window of earlier versions)
 */
public record SealerSettings(int maxReadings, long maxMillis, ContentAlgorithm algorithm, int maxPendingReadings,
        boolean adaptive) {
    /** A batch is also sealed once its readings are estimated at this many CBOR bytes. */
    public static final int MAX_BATCH_BYTES = 1 << 20;

    public SealerSettings {
        Objects.requireNonNull(algorithm, "algorithm");
        if (maxReadings < 1 || maxReadings > 10_000) {
            throw new IllegalArgumentException("batch size must be 1 to 10000 readings: " + maxReadings);
        }
        if (maxMillis < 10 || maxMillis > 60_000) {
            throw new IllegalArgumentException("batch window must be 10 to 60000 ms: " + maxMillis);
        }
        if (maxPendingReadings < 1 || maxPendingReadings > 10_000_000) {
            throw new IllegalArgumentException("pending readings must be 1 to 10000000: " + maxPendingReadings);
        }
    }

    /** Adaptive batching (the default) with these bounds. */
    public SealerSettings(int maxReadings, long maxMillis, ContentAlgorithm algorithm, int maxPendingReadings) {
        this(maxReadings, maxMillis, algorithm, maxPendingReadings, true);
    }
}
