package io.wardgate.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The backend side of a test: a plain Paho client with its own client certificate that subscribes
 * with QoS 1 in a persistent session (it survives a broker restart) and records what arrives.
 */
public final class TestSubscriber implements AutoCloseable {
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private TestSubscriber(MqttClient client) {
        this.client = client;
    }

    /** Connects to {@code url} as {@code clientId} and subscribes to {@code filter}. */
    public static TestSubscriber connect(String url, String clientId, SSLContext tls, String filter) {
        try {
            MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
            TestSubscriber subscriber = new TestSubscriber(client);
            client.setCallback(subscriber.callback());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(tls.getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 2);
            options.setConnectionTimeout(10);
            client.connect(options);
            client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
            return subscriber;
        } catch (MqttException e) {
            throw new IllegalStateException("test subscriber cannot connect to " + url + ": " + e, e);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                // automatic reconnect resumes the persistent session
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // seen in the test's assertions through what did not arrive
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload(), message.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // the subscriber publishes nothing
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                // the session (and its subscription) is resumed by the broker
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        };
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close(true);
        } catch (MqttException e) {
            // closing a test client: nothing to report
        }
    }
}
