package io.wardgate.receiver;

import io.wardgate.seal.envelope.SealTags;
import java.io.IOException;
import java.util.Objects;

/**
 * A deduplicator whose state lives in a {@link WindowDeduplicator} and which records each written
 * envelope somewhere that survives the process (a journal file, a Kafka changelog).
 */
public abstract class WindowBacked implements Deduplicator {
    protected final WindowDeduplicator memory;

    protected WindowBacked(WindowDeduplicator memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    @Override
    public final Verdict peek(SealTags tags) {
        return memory.peek(tags);
    }

    @Override
    public final Verdict admit(SealTags tags) {
        return memory.admit(tags);
    }

    @Override
    public abstract void written(SealTags tags) throws IOException;

    @Override
    public final void notWritten(SealTags tags) {
        memory.notWritten(tags);
    }
}
