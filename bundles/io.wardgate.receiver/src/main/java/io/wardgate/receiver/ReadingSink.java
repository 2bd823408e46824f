package io.wardgate.receiver;

import io.wardgate.seal.envelope.OpenResult;

/** Where accepted envelopes go: one output format. */
@FunctionalInterface
public interface ReadingSink {

    /** Writes the readings of one verified, de-duplicated envelope. */
    void write(OpenResult.Opened envelope) throws java.io.IOException;
}
