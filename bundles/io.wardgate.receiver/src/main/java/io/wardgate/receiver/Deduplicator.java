package io.wardgate.receiver;

import io.wardgate.seal.envelope.SealTags;

/**
 * Remembers which (gateway, device, epoch, sequence) were accepted. Several receivers sharing the
 * load need one shared implementation (or sticky routing per device: docs/envelope.md).
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
}
