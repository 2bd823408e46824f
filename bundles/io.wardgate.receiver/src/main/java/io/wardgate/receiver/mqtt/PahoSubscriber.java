package io.wardgate.receiver.mqtt;

import io.wardgate.seal.envelope.Topics;
import io.wardgate.shared.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Two sessions: the alarm streams (published one topic level deeper, .../alarms/&lt;suffix&gt;/&lt;device&gt;,
 * docs/operations.md) are read through a session of their own (client id + {@value #ALARMS_CLIENT_SUFFIX}),
 * because a broker hands a session its queue in arrival order: a readings backlog queued while this
 * receiver was away would otherwise hold every alarm behind it. Each stream lies in one session, so its
 * order holds; the handler is called by one session at a time.
 *
 * <p>Paho delivers messages and connection events on one callback thread. Nothing blocking on the
 * broker runs there: a subscribe() inside connectComplete waits for a SUBACK that the receive thread
 * cannot read while it waits for room in the full callback queue (a backlog after a broker restart),
 * so connecting and subscribing happen on a thread of their own. The gateways' retained status messages
 * (.../status, birth and last will) are acknowledged and skipped, never handed over as envelopes.
 *
 * <p>Reconnecting: a connection attempt gives up after {@value #CONNECT_TIMEOUT_SECONDS} s; retries follow
 * the shared backoff with jitter, capped at {@value #MAX_RETRY_MILLIS} ms, except that a refused TCP
 * connection (nothing listens: it costs the broker nothing) is retried after at most
 * {@value #REFUSED_RETRY_MILLIS} ms, so the receiver is back within a second of a restarted broker.
 */
public final class PahoSubscriber implements EnvelopeSource {
    private static final Logger LOG = LoggerFactory.getLogger(PahoSubscriber.class);
    /** Envelope topics only (wardgate/site/ward/gateway/suffix/device): the status topics have five levels. */
    public static final String ENVELOPE_FILTER = Topics.ROOT + "/+/+/+/+/+";
    /** The topic level of the alarm streams, after the gateway id. */
    public static final String ALARMS_LEVEL = "alarms";
    static final String ALARMS_CLIENT_SUFFIX = "-alarms";
    private static final long FIRST_RETRY_MILLIS = 500;
    static final long MAX_RETRY_MILLIS = 30_000;
    static final long REFUSED_RETRY_MILLIS = 500;
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    private static final long OPERATION_TIMEOUT_MILLIS = 30_000;

    /**
     * @param brokerUri e.g. ssl://broker.example:8883 (only ssl:// is accepted)
     * @param clientId a stable id per receiver instance, so its session survives reconnects; the alarm
     *     session's id is this one with {@value #ALARMS_CLIENT_SUFFIX} appended
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
            return shared(filter);
        }

        /** The alarm session's subscription; empty when the filter already covers the alarm topics. */
        Optional<String> alarmSubscription() {
            return alarmFilter(filter).map(this::shared);
        }

        private String shared(String topicFilter) {
            return shareGroup.isEmpty() ? topicFilter : "$share/" + shareGroup + "/" + topicFilter;
        }
    }

    /**
     * The filter for the alarm topics that {@code filter} stands for: "alarms" inserted after the gateway
     * level (wardgate/+/+/+/+/+ gives wardgate/+/+/+/alarms/+/+). Empty when the filter itself already
     * takes in the alarm topics (a '#' up to the suffix level, or a '+' or "alarms" at it followed by room
     * for two levels: then the alarms share its session), or when it has no device level at all.
     */
    static Optional<String> alarmFilter(String filter) {
        String[] levels = filter.split("/", -1);
        if (levels.length < 6 || List.of(levels).subList(0, 5).contains("#")) {
            return Optional.empty();
        }
        boolean anySuffix = levels[4].equals("+") || levels[4].equals(ALARMS_LEVEL);
        if (anySuffix && (levels.length >= 7 || levels[5].equals("#"))) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(List.of(levels));
        out.add(4, ALARMS_LEVEL);
        return Optional.of(String.join("/", out));
    }

    private final Settings settings;
    private final List<Session> sessions = new ArrayList<>();
    /** One thread per session, so a slow attempt of one never delays the other. */
    private final ScheduledExecutorService connector = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "receiver-connect");
        thread.setDaemon(true);
        return thread;
    });
    /** The sessions hand messages over one at a time: the handler needs not be thread-safe. */
    private final Object handOver = new Object();
    private volatile AckingHandler handler;
    private volatile boolean closed;

    public PahoSubscriber(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        // The alarm session connects first: what waits there is delivered before the readings' backlog starts.
        settings.alarmSubscription().ifPresent(alarms ->
                sessions.add(new Session(settings.clientId() + ALARMS_CLIENT_SUFFIX, alarms)));
        sessions.add(new Session(settings.clientId(), settings.subscription()));
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
        for (Session session : sessions) {
            session.connect();
        }
        if (settings.alarmSubscription().isEmpty()) {
            LOG.info("The filter {} takes in the alarm topics: alarms share the readings' session", settings.filter());
        }
    }

    /** Handles one message and runs {@code acknowledgement} once it is safely handed over. */
    @FunctionalInterface
    public interface AckingHandler {
        void handle(String topic, byte[] payload, Runnable acknowledgement) throws Exception;
    }

    /**
     * Drops the connections and connects again with the same sessions, so that the broker redelivers
     * every message not acknowledged yet (e.g. after its hand-over failed later, asynchronously).
     */
    public void reconnectNow() {
        for (Session session : sessions) {
            session.reconnectNow();
        }
    }

    /** The client ids of the sessions, alarms first. */
    List<String> clientIds() {
        return sessions.stream().map(session -> session.clientId).toList();
    }

    /** Whether a failed attempt was refused at TCP (nothing listens), looking through the causes. */
    static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
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

    /** One MQTT session: its client id, its subscription, its current client and its retries. */
    private final class Session {
        private final String clientId;
        private final String subscription;
        private final AtomicReference<MqttClient> client = new AtomicReference<>();
        private boolean warned;
        // The shared backoff, with jitter: receivers restarted together do not reconnect in step.
        private final Backoff.Sequence retries = new Backoff(Duration.ofMillis(FIRST_RETRY_MILLIS),
                Duration.ofMillis(MAX_RETRY_MILLIS)).sequence(() -> ThreadLocalRandom.current().nextDouble());

        Session(String clientId, String subscription) {
            this.clientId = clientId;
            this.subscription = subscription;
        }

        /**
         * One fresh Paho client per connection (its own reconnect can hang in Paho 1.2.5 when the broker
         * restarts with a backlog: CommsSender.start waits for a sender thread that already ended). The
         * session stays on the broker (clean start off), so queued and unacknowledged messages follow.
         */
        void connect() throws MqttException {
            MqttClient mqtt = new MqttClient(settings.brokerUri(), clientId, new MemoryPersistence());
            mqtt.setManualAcks(true);
            mqtt.setTimeToWait(OPERATION_TIMEOUT_MILLIS);
            mqtt.setCallback(new Callback(this, mqtt));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(settings.sockets());
            options.setHttpsHostnameVerificationEnabled(true);
            options.setCleanStart(false);
            options.setSessionExpiryInterval(86_400L);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval(30);
            options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
            client.set(mqtt);
            try {
                mqtt.connect(options);
                // Not on Paho's callback thread: a backlog may arrive before the SUBACK, and that thread
                // must keep handing messages over for the SUBACK to be read at all.
                mqtt.subscribe(subscription, 1);
            } catch (MqttException | RuntimeException e) {
                client.compareAndSet(mqtt, null);
                discard(mqtt);
                throw e;
            }
            LOG.info("Subscribed to {} on {} as {}", subscription, settings.brokerUri(), clientId);
        }

        /** After a lost connection ({@code lost}, or null after a failed attempt): a new client, after the backoff. */
        void reconnect(MqttClient lost) {
            if (closed || lost != null && !client.compareAndSet(lost, null)) {
                return;
            }
            if (lost != null) {
                discard(lost);
            }
            try {
                connect();
                retries.reset();
                warned = false;
            } catch (MqttException | RuntimeException e) {
                long delay = retries.next().toMillis();
                if (refused(e)) {
                    delay = Math.min(delay, REFUSED_RETRY_MILLIS);
                }
                // Said once per outage: a broker away for minutes is retried twice a second.
                if (!warned) {
                    LOG.warn("Could not reconnect {} to {} ({}); retrying in {} ms", clientId, settings.brokerUri(),
                            e.toString(), delay);
                    warned = true;
                } else {
                    LOG.debug("Could not reconnect {} ({}); retrying in {} ms", clientId, e.toString(), delay);
                }
                schedule(() -> reconnect(null), delay);
            }
        }

        void reconnectNow() {
            MqttClient current = client.get();
            if (current != null && !closed) {
                connector.execute(() -> reconnect(current));
            }
        }

        void close() throws MqttException {
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

    private void schedule(Runnable task, long delayMillis) {
        try {
            connector.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Closed: no reconnection");
        }
    }

    /** The callbacks of one client; they only hand work to other threads, never wait on the broker. */
    private final class Callback implements MqttCallback {
        private final Session session;
        private final MqttClient mqtt;

        Callback(Session session, MqttClient mqtt) {
            this.session = session;
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
                synchronized (handOver) {
                    handler.handle(topic, message.getPayload(), () -> acknowledge(mqtt, message));
                }
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
            LOG.warn("{} disconnected from the broker: {}", session.clientId, response.getReasonString());
            if (!closed) {
                // At once: a broker that is gone refuses TCP, and the retry then follows within a second.
                schedule(() -> session.reconnect(mqtt), 0);
            }
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
        MqttException first = null;
        for (Session session : sessions) {
            try {
                session.close();
            } catch (MqttException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
