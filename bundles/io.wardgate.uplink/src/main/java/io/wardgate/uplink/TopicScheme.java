package io.wardgate.uplink;

import io.wardgate.shared.json.JsonWriter;
import java.nio.charset.StandardCharsets;

/**
 * The topic scheme (docs/operations.md): everything a gateway publishes lies under
 * wardgate/&lt;site&gt;/&lt;ward&gt;/&lt;gatewayId&gt;/; its retained status (birth and last will) is at
 * .../status; sealed envelopes go to the topic the sealer put in their tags,
 * .../&lt;group topic suffix&gt;/&lt;escaped device id&gt;.
 */
record TopicScheme(String site, String ward, String gatewayId) {
    static final String ROOT = "wardgate";
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
