package io.wardgate.api.pipeline;

import java.util.Objects;

/** An envelope in the outbox, with the id to acknowledge it by. */
public record StoredEnvelope(long storageId, SealedEnvelope envelope) {
    public StoredEnvelope {
        Objects.requireNonNull(envelope, "envelope");
    }
}
