package io.wardgate.testkit;

import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A test client's QoS 1 publish that survives Paho 1.2.5's in-flight count: Paho counts a publish
 * as in flight until its callback thread saw the PUBACK, which lags on a loaded machine, and then
 * refuses the next one with 32202 (too many publishes in progress). That refusal is retried for up
 * to 30 s; any other error fails at once.
 */
public final class Publish {
    private static final int MAX_INFLIGHT = 32202;

    private Publish() {
    }

    public static void qos1(MqttClient client, String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        qos1(client, topic, message);
    }

    public static void qos1(MqttClient client, String topic, MqttMessage message) throws MqttException {
        MqttException[] failure = new MqttException[1];
        boolean sent = Poll.until(() -> {
            try {
                client.publish(topic, message);
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() == MAX_INFLIGHT) {
                    return false;
                }
                failure[0] = e;
                return true;
            }
        }, Duration.ofSeconds(30));
        if (failure[0] != null) {
            throw failure[0];
        }
        if (!sent) {
            throw new IllegalStateException("Paho kept refusing a publish to " + topic + " as too many in flight for 30 s");
        }
    }
}
