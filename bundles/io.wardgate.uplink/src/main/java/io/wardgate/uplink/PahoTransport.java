package io.wardgate.uplink;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@link MqttTransport} on Eclipse Paho's MQTT v5 asynchronous client. Paho keeps nothing across
 * connections (memory persistence, clean start, no session expiry, no automatic reconnect): the
 * outbox is the only store, and the uplink re-sends what was in flight when a connection went.
 */
final class PahoTransport implements MqttTransport {
    private static final int QOS_1 = 1;
    private static final int FIRST_ERROR_REASON = 0x80;
    private static final long DISCONNECT_WAIT_MS = 2000;
    /**
     * Largest MQTT packet accepted from the broker: an upload chunk (256 KiB, the admin client's
     * largest) with topic and properties fits; anything larger is never allocated (review finding 3).
     */
    static final int MAX_INBOUND_PACKET_BYTES = 512 * 1024;

    private final LongAdder releasedFromStartPolls = new LongAdder();
    private final AtomicInteger pools = new AtomicInteger();

    /** How often a connect was released early from one of Paho's start-up polls (see {@link PahoThreads}). */
    long releasedFromStartPolls() {
        return releasedFromStartPolls.sum();
    }

    @Override
    public MqttSession connect(BrokerEndpoint broker, ConnectRequest request, LossListener onLoss)
            throws UplinkException {
        MqttAsyncClient client;
        PahoThreads threads = new PahoThreads(pools.incrementAndGet(), releasedFromStartPolls);
        try {
            client = new MqttAsyncClient(broker.url(), request.clientId(), new MemoryPersistence(), null, threads);
        } catch (MqttException e) {
            threads.shutdownNow();
            throw UplinkException.of("cannot create an MQTT client for " + broker.url(), e);
        }
        java.util.Map<String, MessageListener> inbound = new java.util.concurrent.ConcurrentHashMap<>();
        client.setCallback(new LossCallback(onLoss, inbound));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(request.keepAliveSeconds());
        options.setConnectionTimeout(request.connectTimeoutSeconds());
        // The broker must not send more (MQTT 5 Maximum Packet Size), and a broker that does is cut
        // off below Paho, which would otherwise allocate the declared length before checking it.
        options.setMaximumPacketSize((long) MAX_INBOUND_PACKET_BYTES);
        options.setSocketFactory(new GuardedSocketFactory(request.socketFactory(), MAX_INBOUND_PACKET_BYTES));
        options.setHttpsHostnameVerificationEnabled(true);
        options.setSSLHostnameVerifier(request.hostnameVerifier());
        MqttMessage will = new MqttMessage(request.willPayload(), QOS_1, true, jsonProperties());
        options.setWill(request.willTopic(), will);
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion((request.connectTimeoutSeconds() + 2) * 1000L);
            if (!client.isConnected()) {
                throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
            }
            MqttProperties connack = token.getResponseProperties();
            Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
            return new PahoSession(client, threads, receiveMaximum == null ? 65_535 : receiveMaximum, inbound);
        } catch (MqttException e) {
            closeQuietly(client, threads);
            throw UplinkException.of("cannot connect to " + broker.url(), e);
        }
    }

    static MqttProperties jsonProperties() {
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/json");
        properties.setPayloadFormat(true);
        return properties;
    }

    private static void closeQuietly(MqttAsyncClient client, PahoThreads threads) {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            // already going
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // closing: nothing left to protect
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Losses go to {@code onLoss}; messages to the listener of every matching subscription (Paho
     * 1.2.5's per-subscription listeners fail without subscription identifiers, so we route here).
     */
    private record LossCallback(LossListener onLoss, java.util.Map<String, MessageListener> inbound)
            implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String reason = response.getException() != null
                    ? UplinkException.of("connection lost", response.getException()).getMessage()
                    : "disconnected by the broker (reason code " + response.getReturnCode() + ")";
            onLoss.lost(reason);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            onLoss.lost(UplinkException.of("MQTT protocol error", exception).getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            inbound.forEach((filter, listener) -> {
                if (org.eclipse.paho.mqttv5.common.util.MqttTopicValidator.isMatched(filter, topic)) {
                    listener.arrived(topic, message.getPayload());
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // handled per publish by its listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // connect() waits for its token
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    private static final class PahoSession implements MqttSession {
        private final MqttAsyncClient client;
        private final PahoThreads threads;
        private final int receiveMaximum;
        private final java.util.Map<String, MessageListener> inbound;

        PahoSession(MqttAsyncClient client, PahoThreads threads, int receiveMaximum,
                java.util.Map<String, MessageListener> inbound) {
            this.client = client;
            this.threads = threads;
            this.receiveMaximum = receiveMaximum;
            this.inbound = inbound;
        }

        @Override
        public int receiveMaximum() {
            return receiveMaximum;
        }

        @Override
        public boolean isConnected() {
            return client.isConnected();
        }

        @Override
        public void publish(String topic, byte[] payload, boolean retained, PublishCallback callback)
                throws UplinkException {
            try {
                client.publish(topic, payload, QOS_1, retained, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        int[] codes = token.getReasonCodes();
                        int code = codes == null || codes.length == 0 ? 0 : codes[0];
                        if (code >= FIRST_ERROR_REASON) {
                            callback.refused(code);
                        } else {
                            callback.acknowledged();
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable error) {
                        callback.failed(UplinkException.of("publish failed", error).getMessage());
                    }
                });
            } catch (MqttException e) {
                throw UplinkException.of("cannot publish", e);
            }
        }

        @Override
        public void subscribe(String filter, MessageListener listener) throws UplinkException {
            try {
                inbound.put(filter, listener);
                client.subscribe(filter, QOS_1).waitForCompletion(DISCONNECT_WAIT_MS);
            } catch (MqttException e) {
                throw UplinkException.of("cannot subscribe to " + filter, e);
            }
        }

        @Override
        public void disconnect(String topic, byte[] lastRetained) {
            try {
                if (client.isConnected()) {
                    MqttMessage last = new MqttMessage(lastRetained, QOS_1, true, jsonProperties());
                    client.publish(topic, last).waitForCompletion(DISCONNECT_WAIT_MS);
                    client.disconnect(DISCONNECT_WAIT_MS).waitForCompletion(DISCONNECT_WAIT_MS);
                }
            } catch (MqttException e) {
                // the broker publishes the will instead
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            closeQuietly(client, threads);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
