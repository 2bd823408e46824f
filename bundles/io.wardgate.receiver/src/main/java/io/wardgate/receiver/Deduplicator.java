package io.wardgate.receiver;

import io.wardgate.seal.envelope.SealTags;

/**
 * Remembers which (gateway, device, epoch, sequence) were accepted. Several receivers sharing the
 * load need one shared implementation (or sticky routing per device: docs/envelope.md); the Kafka
 * backend keeps it per partition. {@link JournalDeduplicator} survives a restart.
 */
public interface Deduplicator {

    /** What the deduplicator knows of an envelope. */
    enum Verdict {
        NEW,
        DUPLICATE,
        /** Older than what is remembered for its stream: cannot be told apart from a replay. */
        STALE
    }

    /** Looks only, marks nothing (used before decrypting, to drop duplicates cheaply). */
    Verdict peek(SealTags tags);

    /** Marks the envelope as accepted if it is new; atomic, so two threads never both get NEW. */
    Verdict admit(SealTags tags);

    /**
     * The envelope admitted last was written by every sink: a persistent deduplicator records it
     * now (so a restart remembers it), and the message may then be acknowledged.
     */
    default void written(SealTags tags) throws java.io.IOException {
    }

    /** A sink failed after {@link #admit}: forget the envelope so that its redelivery is accepted. */
    default void notWritten(SealTags tags) {
    }
}
