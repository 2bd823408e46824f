package io.wardgate.uplink;

import java.util.Objects;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Our seam in front of the MQTT library (Paho): connect one session, publish QoS 1, learn of a lost
 * connection. Nothing else of the library leaks into the uplink.
 */
interface MqttTransport {

    /** Connects (TCP, TLS, CONNECT/CONNACK) within the timeout, or throws with a reason. */
    MqttSession connect(BrokerEndpoint broker, ConnectRequest request, LossListener onLoss) throws UplinkException;

    /** What a connection is made with. The will is published by the broker if the connection dies. */
    record ConnectRequest(String clientId, int keepAliveSeconds, int connectTimeoutSeconds, String willTopic,
            byte[] willPayload, SSLSocketFactory socketFactory, HostnameVerifier hostnameVerifier) {
        public ConnectRequest {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(willTopic, "willTopic");
            willPayload = willPayload.clone();
            Objects.requireNonNull(socketFactory, "socketFactory");
            Objects.requireNonNull(hostnameVerifier, "hostnameVerifier");
        }

        @Override
        public byte[] willPayload() {
            return willPayload.clone();
        }
    }

    interface LossListener {
        void lost(String reason);
    }

    /** The outcome of one QoS 1 publish. Exactly one method is called, on a library thread. */
    interface PublishCallback {
        /** The broker acknowledged it (PUBACK with a success reason code). */
        void acknowledged();

        /** The broker refused it (PUBACK with an error reason code): it is not the broker's. */
        void refused(int reasonCode);

        /** No acknowledgement will come (the connection went). */
        void failed(String reason);
    }

    interface MessageListener {
        void arrived(String topic, byte[] payload);
    }

    interface MqttSession extends AutoCloseable {

        /** The broker's Receive Maximum: how many QoS 1 messages it lets us have in flight. */
        int receiveMaximum();

        boolean isConnected();

        void publish(String topic, byte[] payload, boolean retained, PublishCallback callback) throws UplinkException;

        /** Subscribes at QoS 1; messages go to {@code listener} on a library thread. */
        default void subscribe(String filter, MessageListener listener) throws UplinkException {
            throw new UplinkException("this transport cannot subscribe", false, null);
        }

        /** Publishes a last retained message (waiting briefly for its acknowledgement) and disconnects cleanly. */
        void disconnect(String topic, byte[] lastRetained);

        @Override
        void close();
    }
}
