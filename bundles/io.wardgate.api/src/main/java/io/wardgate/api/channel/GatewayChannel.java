package io.wardgate.api.channel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The uplink's one authenticated MQTT connection, lent to other bundles (remote management) for
 * topics under this gateway's own prefix wardgate/&lt;site&gt;/&lt;ward&gt;/&lt;gatewayId&gt;/. Messages are
 * QoS 1; subscriptions are renewed on every new connection. Nothing outside the prefix is reachable.
 */
@ProviderType
public interface GatewayChannel {

    /** wardgate/&lt;site&gt;/&lt;ward&gt;/&lt;gatewayId&gt;/ (with the trailing slash). */
    String topicPrefix();

    /**
     * Delivers every message published to {@code prefix + filterSuffix} (MQTT wildcards allowed in the
     * suffix) to {@code handler}, on a library thread, until the registration is closed.
     */
    Registration subscribe(String filterSuffix, MessageHandler handler);

    /** Publishes (QoS 1, not retained) to {@code prefix + suffix}; false when there is no connection now. */
    boolean publish(String suffix, byte[] payload);

    /**
     * Ends the current connection once this channel's messages in flight are acknowledged (at most
     * a few seconds), and connects again: e.g. so that a newly installed certificate is presented.
     * Envelopes in flight are released to the outbox and sent again in order, as after any loss.
     */
    void reconnect(String reason);

    @FunctionalInterface
    interface MessageHandler {
        /** {@code topic} is the full topic; a handler must not throw (bad input is data). */
        void arrived(String topic, byte[] payload);
    }

    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
