package io.wardgate.receiver.spool;

import org.osgi.annotation.versioning.ConsumerType;

/** Sends one message to its destination and says what the destination answered. */
@ConsumerType
@FunctionalInterface
public interface Delivery {

    /**
     * @return the destination's verdict
     * @throws java.io.IOException when the destination could not be reached or did not answer in time
     *         (the message is tried again later)
     */
    Outcome deliver(byte[] message) throws java.io.IOException;

    /** What became of one attempt. */
    sealed interface Outcome permits Delivered, Retry, Refused {
    }

    /** The destination took it: remove it from the queue. */
    record Delivered() implements Outcome {
    }

    /** The destination cannot take it now (busy, down, transient refusal): try again later. */
    record Retry(String reason) implements Outcome {
    }

    /** The destination refused its content: retrying cannot help; set it aside for an operator. */
    record Refused(String reason) implements Outcome {
    }
}
