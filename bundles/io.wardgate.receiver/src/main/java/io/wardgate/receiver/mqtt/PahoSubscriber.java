package io.wardgate.receiver.mqtt;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes with Eclipse Paho (MQTT 5) over mutual TLS, QoS 1, persistent session, manual
 * acknowledgement: a message is acknowledged only after the handler returned (written out), so a
 * crash of the receiver redelivers it and de-duplication absorbs the repeat. With a share group
 * the subscription is {@code $share/<group>/<filter>}: the broker spreads messages over the group's
 * receivers.
 */
public final class PahoSubscriber implements EnvelopeSource {
    private static final Logger LOG = LoggerFactory.getLogger(PahoSubscriber.class);

    /**
     * @param brokerUri e.g. ssl://broker.example:8883 (only ssl:// is accepted)
     * @param clientId a stable id per receiver instance, so its session survives reconnects
     * @param filter topic filter, e.g. wardgate/#
     * @param shareGroup MQTT 5 shared subscription group, or empty for an ordinary subscription
     */
    public record Settings(String brokerUri, String clientId, String filter, String shareGroup,
            SSLSocketFactory sockets) {
        public Settings {
            Objects.requireNonNull(sockets, "sockets");
            if (!brokerUri.startsWith("ssl://")) {
                throw new IllegalArgumentException("the broker URI must be ssl:// (no plaintext)");
            }
            if (clientId.isBlank() || filter.isBlank()) {
                throw new IllegalArgumentException("client id and topic filter are required");
            }
            if (!shareGroup.matches("[A-Za-z0-9._-]{0,64}")) {
                throw new IllegalArgumentException("share group: up to 64 letters, digits, '.', '_' or '-'");
            }
        }

        String subscription() {
            return shareGroup.isEmpty() ? filter : "$share/" + shareGroup + "/" + filter;
        }
    }

    private final Settings settings;
    private final AtomicReference<MqttClient> client = new AtomicReference<>();

    public PahoSubscriber(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void start(Handler handler) throws MqttException {
        MqttClient mqtt = new MqttClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        mqtt.setManualAcks(true);
        mqtt.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                try {
                    handler.handle(topic, message.getPayload());
                } catch (Exception e) {
                    LOG.error("Could not hand over a message from {}; not acknowledged: {}", topic, e.toString());
                    throw e;
                }
                mqtt.messageArrivedComplete(message.getId(), message.getQos());
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                if (reconnect) {
                    try {
                        mqtt.subscribe(settings.subscription(), 1);
                    } catch (MqttException e) {
                        LOG.error("Could not subscribe again: {}", e.toString());
                    }
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                LOG.warn("Disconnected from the broker: {}", response.getReasonString());
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                LOG.warn("MQTT error: {}", exception.toString());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(settings.sockets());
        options.setHttpsHostnameVerificationEnabled(true);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(86_400L);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(30);
        mqtt.connect(options);
        mqtt.subscribe(settings.subscription(), 1);
        client.set(mqtt);
        LOG.info("Subscribed to {} on {}", settings.subscription(), settings.brokerUri());
    }

    @Override
    public void close() throws MqttException {
        MqttClient mqtt = client.getAndSet(null);
        if (mqtt != null) {
            if (mqtt.isConnected()) {
                mqtt.disconnect(5_000);
            }
            mqtt.close();
        }
    }
}
