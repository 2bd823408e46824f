package io.wardgate.seal.sealer;

import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** TEST FIXTURE ONLY: an outbox in memory that remembers the last sequence per device and epoch. */
public final class InMemoryOutbox implements Outbox {
    private final List<SealedEnvelope> stored = new ArrayList<>();
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    public synchronized List<SealedEnvelope> envelopes() {
        return List.copyOf(stored);
    }

    /** Pretends that an earlier run stored up to {@code sequence}. */
    public void presetLastSequence(String deviceId, long epoch, long sequence) {
        last.put(deviceId + "@" + epoch, sequence);
    }

    @Override
    public synchronized StoreOutcome store(SealedEnvelope envelope) {
        stored.add(envelope);
        last.merge(envelope.tags().deviceId() + "@" + envelope.tags().epoch(), envelope.tags().sequence(), Math::max);
        return StoreOutcome.STORED;
    }

    @Override
    public long lastSequence(String deviceId, long epoch) {
        return last.getOrDefault(deviceId + "@" + epoch, -1L);
    }

    @Override
    public List<StoredEnvelope> next(int max) {
        throw new UnsupportedOperationException("not used by the sealer");
    }

    @Override
    public void acknowledge(long storageId) {
        throw new UnsupportedOperationException("not used by the sealer");
    }

    @Override
    public void release(long storageId) {
        throw new UnsupportedOperationException("not used by the sealer");
    }

    @Override
    public synchronized OutboxStatus status() {
        return new OutboxStatus(stored.size(), stored.stream().mapToLong(SealedEnvelope::size).sum(), Long.MAX_VALUE,
                null, "");
    }
}
