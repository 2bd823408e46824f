package io.wardgate.uplink;

import io.wardgate.uplink.MqttTransport.MqttSession;
import io.wardgate.uplink.MqttTransport.PublishCallback;
import io.wardgate.api.channel.GatewayChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GatewayChannel} over the uplink's current session: the engine attaches each new session
 * (which renews every subscription) and detaches it when it goes. Topics are confined to the
 * gateway's own prefix, and the retained status topic is the engine's alone.
 */
final class SharedChannel implements GatewayChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SharedChannel.class);
    private static final int MAX_SUFFIX_BYTES = 512;
    private static final long RECONNECT_WAIT_MS = 5_000;

    private final TopicScheme topics;
    private final Map<String, MessageHandler> subscriptions = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<String> reconnector;
    private final Object flight = new Object();
    private int inFlight;
    private volatile MqttSession current;

    /** {@code reconnector} ends the engine's current connection with a reason (it then connects again). */
    SharedChannel(TopicScheme topics, java.util.function.Consumer<String> reconnector) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.reconnector = Objects.requireNonNull(reconnector, "reconnector");
    }

    @Override
    public String topicPrefix() {
        return topics.prefix();
    }

    @Override
    public Registration subscribe(String filterSuffix, MessageHandler handler) {
        requireSuffix(filterSuffix, true);
        Objects.requireNonNull(handler, "handler");
        if (subscriptions.putIfAbsent(filterSuffix, handler) != null) {
            throw new IllegalStateException("already subscribed: " + filterSuffix);
        }
        MqttSession session = current;
        if (session != null) {
            subscribeOn(session, filterSuffix, handler);
        }
        return () -> subscriptions.remove(filterSuffix, handler);
    }

    @Override
    public boolean publish(String suffix, byte[] payload) {
        requireSuffix(suffix, false);
        String topic = topics.prefix() + suffix;
        MqttSession session = current;
        if (session == null || !session.isConnected() || !topics.isPublishable(topic)) {
            return false;
        }
        changeInFlight(1);
        try {
            session.publish(topic, payload.clone(), false, new LoggingCallback(topic, () -> changeInFlight(-1)));
            return true;
        } catch (UplinkException e) {
            changeInFlight(-1);
            LOG.warn("Channel publish to {} failed: {}", topic, e.getMessage());
            return false;
        }
    }

    @Override
    public void reconnect(String reason) {
        long deadline = System.nanoTime() + RECONNECT_WAIT_MS * 1_000_000L;
        synchronized (flight) {
            long left;
            while (inFlight > 0 && (left = (deadline - System.nanoTime()) / 1_000_000L) > 0) {
                try {
                    flight.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LOG.info("Uplink reconnects: {}", reason);
        reconnector.accept("reconnect requested: " + reason);
    }

    private void changeInFlight(int delta) {
        synchronized (flight) {
            inFlight = Math.max(0, inFlight + delta);
            flight.notifyAll();
        }
    }

    /** A new session: every subscription is made again on it (clean start keeps nothing). */
    void attach(MqttSession session) {
        current = session;
        subscriptions.forEach((suffix, handler) -> subscribeOn(session, suffix, handler));
    }

    void detach() {
        current = null;
    }

    private void subscribeOn(MqttSession session, String suffix, MessageHandler handler) {
        try {
            session.subscribe(topics.prefix() + suffix, (topic, payload) -> {
                // Closed registrations stop receiving even before the next connection drops them.
                if (subscriptions.get(suffix) == handler) {
                    try {
                        handler.arrived(topic, payload);
                    } catch (RuntimeException e) {
                        LOG.error("Channel handler for {} failed: {}", suffix, e.toString());
                    }
                }
            });
        } catch (UplinkException e) {
            LOG.warn("Channel cannot subscribe to {}: {}", suffix, e.getMessage());
        }
    }

    private static void requireSuffix(String suffix, boolean filter) {
        Objects.requireNonNull(suffix, "suffix");
        boolean wildcards = suffix.indexOf('+') >= 0 || suffix.indexOf('#') >= 0;
        if (suffix.isEmpty() || suffix.startsWith("/") || suffix.indexOf('\u0000') >= 0
                || suffix.getBytes(StandardCharsets.UTF_8).length > MAX_SUFFIX_BYTES || (!filter && wildcards)
                || suffix.equals("status")) {
            throw new IllegalArgumentException("not a topic suffix of this gateway: " + suffix);
        }
    }

    private record LoggingCallback(String topic, Runnable done) implements PublishCallback {
        @Override
        public void acknowledged() {
            done.run();
            LOG.debug("Channel message to {} acknowledged", topic);
        }

        @Override
        public void refused(int reasonCode) {
            done.run();
            LOG.warn("Broker refused channel message to {} (reason 0x{})", topic, Integer.toHexString(reasonCode));
        }

        @Override
        public void failed(String reason) {
            done.run();
            LOG.debug("Channel message to {} not acknowledged: {}", topic, reason);
        }
    }
}
