package io.wardgate.seal.sealer;

import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import java.util.List;

/** TEST FIXTURE ONLY: an outbox passing everything to another; tests override what they observe. */
class DelegatingOutbox implements Outbox {
    private final Outbox delegate;

    DelegatingOutbox(Outbox delegate) {
        this.delegate = delegate;
    }

    @Override
    public StoreOutcome store(SealedEnvelope envelope) {
        return delegate.store(envelope);
    }

    @Override
    public List<StoredEnvelope> next(int max) {
        return delegate.next(max);
    }

    @Override
    public void acknowledge(long storageId) {
        delegate.acknowledge(storageId);
    }

    @Override
    public void release(long storageId) {
        delegate.release(storageId);
    }

    @Override
    public long lastSequence(String deviceId, long epoch) {
        return delegate.lastSequence(deviceId, epoch);
    }

    @Override
    public OutboxStatus status() {
        return delegate.status();
    }
}
