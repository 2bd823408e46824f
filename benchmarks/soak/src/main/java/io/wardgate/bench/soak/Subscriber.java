package io.wardgate.bench.soak;

import io.wardgate.bench.e2e.SoakWard;
import io.wardgate.receiver.CaSignerCheck;
import io.wardgate.receiver.Receiver;
import io.wardgate.receiver.ReceiverKeys;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.receiver.mqtt.TlsContexts;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The backend side: subscribes over mutual TLS (QoS 1, a session that outlives broker restarts) and
 * runs every message through the real receiver core (decrypt, verify against the CA, drop duplicates
 * by its window); what it accepts goes to the ledger. Duplicates the receiver dropped are expected
 * (QoS 1 redelivery after a kill) and only counted.
 */
final class Subscriber implements AutoCloseable {
    private final MqttClient client;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private volatile String lastRejection = "";

    Subscriber(SoakWard ward, Ledger ledger) throws Exception {
        Receiver receiver = new Receiver(new EnvelopeOpener(Map.of(ward.backendKeyId(), ward.backendKey()),
                new CaSignerCheck(ReceiverKeys.certificates(ward.caPem()), List.of(), List.of())),
                new WindowDeduplicator(65_536, 100_000), List.of());
        client = new MqttClient(ward.brokerUrl(), "soak-receiver", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws java.io.IOException {
                OpenResult result = receiver.receive(topic, message.getPayload());
                if (result instanceof OpenResult.Opened opened) {
                    ledger.accepted(opened.tags().deviceId(), opened.tags().epoch(), opened.tags().sequence());
                    readings.addAndGet(opened.batch().readings().size());
                } else if (result instanceof OpenResult.Rejected r && r.reason() == OpenResult.Reason.DUPLICATE) {
                    dropped.incrementAndGet();
                } else {
                    rejected.incrementAndGet();
                    lastRejection = String.valueOf(result);
                }
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                // the persistent session keeps the subscription (see benchmarks/e2e's Collector)
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(TlsContexts.socketFactory(ward.receiverP12(), ward.receiverPassword(), ward.caPem()));
        options.setHttpsHostnameVerificationEnabled(true);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        options.setReceiveMaximum(1000);
        client.connect(options);
        // The readings and the gateway's clock notes (alarm envelopes of the pseudo-device local:wardgate-clock,
        // io.wardgate.time's default topic suffix "clock"): the outbox records both, so both must arrive.
        client.subscribe(new String[] {"wardgate/+/+/+/vitals/#", "wardgate/+/+/+/clock/#"}, new int[] {1, 1});
    }

    /** Redeliveries the receiver recognised and dropped (expected with QoS 1). */
    long droppedDuplicates() {
        return dropped.get();
    }

    /** Messages the receiver refused for any other reason (must stay 0). */
    long rejected() {
        return rejected.get();
    }

    String lastRejection() {
        return lastRejection;
    }

    /** Reading objects (numerics and waveform segments) in accepted envelopes. */
    long readings() {
        return readings.get();
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect(2000);
        } catch (MqttException e) {
            // going anyway
        }
        client.close(true);
    }
}
