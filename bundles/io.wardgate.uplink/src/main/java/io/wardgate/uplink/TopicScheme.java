package io.wardgate.uplink;

import io.wardgate.shared.json.JsonWriter;
import java.nio.charset.StandardCharsets;

/**
 * The topic scheme (docs/operations.md): everything a gateway publishes lies under
 * wardgate/&lt;site&gt;/&lt;ward&gt;/&lt;gatewayId&gt;/; its retained status (birth and last will) is at
 * .../status; sealed envelopes go to the topic the sealer put in their tags,
 * .../&lt;group topic suffix&gt;/&lt;escaped device id&gt;, except the alarm streams (device ids ending
 * "#alarms", and the clock notes), which go one level deeper, .../alarms/&lt;suffix&gt;/&lt;device&gt;: a receiver
 * reads them through an MQTT session of their own, so a readings backlog the broker queued for it never
 * delays an alarm (an MQTT session delivers its queue in order).
 */
record TopicScheme(String site, String ward, String gatewayId) {
    static final String ROOT = "wardgate";
    /** The topic level that sets the alarm streams apart (docs/operations.md, topic scheme). */
    static final String ALARMS_LEVEL = "alarms";
    private static final int MAX_TOPIC_BYTES = 65_535;

    String prefix() {
        return ROOT + "/" + site + "/" + ward + "/" + gatewayId + "/";
    }

    String statusTopic() {
        return prefix() + "status";
    }

    /**
     * Whether an envelope's topic may be published: a valid MQTT topic name (no wildcards, no NUL,
     * no empty level at the end) under "wardgate/", and never this gateway's status topic.
     */
    boolean isPublishable(String topic) {
        if (topic == null || topic.isEmpty() || !topic.startsWith(ROOT + "/") || topic.endsWith("/")) {
            return false;
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\u0000') >= 0) {
            return false;
        }
        return !topic.equals(statusTopic()) && topic.getBytes(StandardCharsets.UTF_8).length <= MAX_TOPIC_BYTES;
    }

    /**
     * Where an envelope is published: the topic of its tags, with the alarm level inserted after this
     * gateway's prefix for an alarm stream. The signed tags are unchanged (the receiver checks the gateway
     * and device levels against them); only the route through the broker differs.
     */
    String publishTopic(String tagTopic, String deviceId) {
        if (!isAlarmStream(deviceId) || tagTopic == null || !tagTopic.startsWith(prefix())) {
            return tagTopic;
        }
        return prefix() + ALARMS_LEVEL + "/" + tagTopic.substring(prefix().length());
    }

    /** Alarm streams: a device's alarms (device id ending "#alarms") and the gateway's clock notes. */
    static boolean isAlarmStream(String deviceId) {
        return deviceId.endsWith("#alarms") || deviceId.startsWith(io.wardgate.api.time.ClockNote.DEVICE_ID);
    }

    byte[] birth(String broker, String at) {
        return json("online", broker, at);
    }

    byte[] will() {
        return json("offline", "", "");
    }

    byte[] goodbye(String at) {
        return json("offline", "", at);
    }

    private byte[] json(String state, String broker, String at) {
        JsonWriter json = new JsonWriter().beginObject().field("gateway", gatewayId).field("state", state);
        if (!broker.isEmpty()) {
            json.field("broker", broker);
        }
        if (!at.isEmpty()) {
            json.field("at", at);
        }
        return json.endObject().toString().getBytes(StandardCharsets.UTF_8);
    }
}
