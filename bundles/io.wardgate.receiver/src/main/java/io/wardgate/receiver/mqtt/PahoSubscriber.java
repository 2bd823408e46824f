package io.wardgate.receiver.mqtt;

import io.wardgate.seal.envelope.Topics;
import io.wardgate.shared.retry.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Paho delivers messages and connection events on one callback thread. Nothing blocking on the
 * broker runs there: a subscribe() inside connectComplete waits for a SUBACK that the receive thread
 * cannot read while it waits for room in the full callback queue (a backlog after a broker restart),
 * so connecting and subscribing happen on a thread of their own. The gateways' retained status messages
 * (.../status, birth and last will) are acknowledged and skipped, never handed over as envelopes.
 */
public final class PahoSubscriber implements EnvelopeSource {
    private static final Logger LOG = LoggerFactory.getLogger(PahoSubscriber.class);
    /** Envelope topics only (wardgate/site/ward/gateway/suffix/device): the status topics have five levels. */
    public static final String ENVELOPE_FILTER = Topics.ROOT + "/+/+/+/+/+";
    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 60_000;
    private static final long OPERATION_TIMEOUT_MILLIS = 30_000;

    /**
     * @param brokerUri e.g. ssl://broker.example:8883 (only ssl:// is accepted)
     * @param clientId a stable id per receiver instance, so its session survives reconnects
     * @param filter topic filter, normally {@link #ENVELOPE_FILTER}
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
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "receiver-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile AckingHandler handler;
    private volatile boolean closed;
    // The shared backoff, with jitter: receivers restarted together do not reconnect in step.
    private final Backoff.Sequence retries = new Backoff(Duration.ofMillis(FIRST_RETRY_MILLIS),
            Duration.ofMillis(MAX_RETRY_MILLIS)).sequence(() -> ThreadLocalRandom.current().nextDouble());

    public PahoSubscriber(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void start(Handler handler) throws MqttException {
        Objects.requireNonNull(handler, "handler");
        start((topic, payload, acknowledgement) -> {
            handler.handle(topic, payload);
            acknowledgement.run();
        });
    }

    /**
     * Connects, subscribes and delivers messages to {@code handler}, which acknowledges each one when
     * it is safe (possibly later, from another thread); an unacknowledged message is redelivered
     * after the next reconnect. Throws when the first connection fails.
     */
    public void start(AckingHandler handler) throws MqttException {
        this.handler = Objects.requireNonNull(handler, "handler");
        connect();
    }

    /** Handles one message and runs {@code acknowledgement} once it is safely handed over. */
    @FunctionalInterface
    public interface AckingHandler {
        void handle(String topic, byte[] payload, Runnable acknowledgement) throws Exception;
    }

    /**
     * One fresh Paho client per connection (its own reconnect can hang in Paho 1.2.5 when the broker
     * restarts with a backlog: CommsSender.start waits for a sender thread that already ended). The
     * session stays on the broker (clean start off), so queued and unacknowledged messages follow.
     */
    private void connect() throws MqttException {
        MqttClient mqtt = new MqttClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        mqtt.setManualAcks(true);
        mqtt.setTimeToWait(OPERATION_TIMEOUT_MILLIS);
        mqtt.setCallback(new Callback(mqtt));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(settings.sockets());
        options.setHttpsHostnameVerificationEnabled(true);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(86_400L);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout((int) (OPERATION_TIMEOUT_MILLIS / 1000));
        client.set(mqtt);
        try {
            mqtt.connect(options);
            // Not on Paho's callback thread: a backlog may arrive before the SUBACK, and that thread
            // must keep handing messages over for the SUBACK to be read at all.
            mqtt.subscribe(settings.subscription(), 1);
        } catch (MqttException | RuntimeException e) {
            client.compareAndSet(mqtt, null);
            discard(mqtt);
            throw e;
        }
        LOG.info("Subscribed to {} on {}", settings.subscription(), settings.brokerUri());
    }

    /** After a lost connection ({@code lost}, or null after a failed attempt): a new client, after the backoff. */
    private void reconnect(MqttClient lost) {
        if (closed || lost != null && !client.compareAndSet(lost, null)) {
            return;
        }
        if (lost != null) {
            discard(lost);
        }
        try {
            connect();
            retries.reset();
        } catch (MqttException | RuntimeException e) {
            long delay = retries.next().toMillis();
            LOG.warn("Could not reconnect to {} ({}); retrying in {} ms", settings.brokerUri(), e.toString(), delay);
            connector.schedule(() -> reconnect(null), delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Drops the connection and connects again with the same session, so that the broker redelivers
     * every message not acknowledged yet (e.g. after its hand-over failed later, asynchronously).
     */
    public void reconnectNow() {
        MqttClient current = client.get();
        if (current != null && !closed) {
            connector.execute(() -> reconnect(current));
        }
    }

    private static void discard(MqttClient mqtt) {
        try {
            mqtt.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            LOG.debug("Forced disconnect: {}", e.toString());
        }
        try {
            mqtt.close(true);
        } catch (MqttException e) {
            LOG.debug("Close: {}", e.toString());
        }
    }

    /**
     * A connection lost while the handler worked makes the acknowledgement fail: the broker redelivers
     * the message and de-duplication absorbs it. Throwing here would stop Paho's callback thread.
     */
    private static void acknowledge(MqttClient mqtt, MqttMessage message) {
        try {
            mqtt.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            LOG.info("Could not acknowledge message {} ({}); the broker will redeliver it", message.getId(),
                    e.toString());
        }
    }

    /** The callbacks of one client; they only hand work to other threads, never wait on the broker. */
    private final class Callback implements MqttCallback {
        private final MqttClient mqtt;

        Callback(MqttClient mqtt) {
            this.mqtt = mqtt;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            if (isStatusTopic(topic)) {
                LOG.debug("Gateway status on {}", topic);
                acknowledge(mqtt, message);
                return;
            }
            try {
                handler.handle(topic, message.getPayload(), () -> acknowledge(mqtt, message));
            } catch (Exception e) {
                // Paho drops the connection; the broker redelivers after the reconnect.
                LOG.error("Could not hand over a message from {}; not acknowledged: {}", topic, e.toString());
                throw e;
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("Disconnected from the broker: {}", response.getReasonString());
            lost();
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

        private void lost() {
            if (!closed) {
                connector.schedule(() -> reconnect(mqtt), FIRST_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** wardgate/site/ward/gateway/status: the retained birth and last-will messages of a gateway. */
    static boolean isStatusTopic(String topic) {
        String[] levels = topic.split("/", -1);
        return levels.length == 5 && levels[0].equals(Topics.ROOT) && levels[4].equals("status");
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        connector.shutdownNow();
        MqttClient mqtt = client.getAndSet(null);
        if (mqtt != null) {
            try {
                if (mqtt.isConnected()) {
                    mqtt.disconnect(5_000);
                }
            } finally {
                mqtt.close(true);
            }
        }
    }
}
