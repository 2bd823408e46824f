package io.wardgate.receiver.mqtt;

/** Where envelopes come from: the seam in front of the MQTT client (Paho today). */
public interface EnvelopeSource extends AutoCloseable {

    /** Handles one message; returning normally acknowledges it, throwing leaves it for redelivery. */
    @FunctionalInterface
    interface Handler {
        void handle(String topic, byte[] payload) throws Exception;
    }

    /** Connects, subscribes and delivers messages to {@code handler} until closed. */
    void start(Handler handler) throws Exception;

    @Override
    void close() throws Exception;
}
