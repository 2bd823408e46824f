package io.wardgate.bench.e2e;

import io.wardgate.api.Reading;
import io.wardgate.api.WaveformSegment;
import io.wardgate.receiver.Receiver;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.receiver.mqtt.PahoSubscriber;
import io.wardgate.receiver.mqtt.TlsContexts;
import io.wardgate.receiver.CaSignerCheck;
import io.wardgate.receiver.ReceiverKeys;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * The receiver side of one step. The subscriber (in the secured mode the receiver's own PahoSubscriber:
 * QoS 1, persistent sessions, alarms through a session of their own; Paho with its reconnect every
 * second in the baseline) time-stamps each message as it arrives and queues it; one worker opens it:
 * in the secured mode with the real receiver core (io.wardgate.receiver: drop duplicates, decrypt,
 * verify the signature against the CA, check the topic), in the baseline by reading the plain
 * payload. With {@code deferred} the worker waits until {@link #release()} (the end of the load, or of
 * an outage's drain) so the backend's work does not compete with the gateway for this machine's cores;
 * arrival times are taken on arrival either way, and every figure is computed from them.
 */
final class Collector implements AutoCloseable {
    private record Arrived(String topic, byte[] payload, long arrivalMicros) {
    }

    private interface Opener {
        void open(Arrived message, Tally tally) throws Exception;
    }

    private final Tally tally = new Tally();
    private final LinkedBlockingQueue<Arrived> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pending = new AtomicLong();
    /** Closes the subscription: the receiver's PahoSubscriber (secured) or the baseline's client. */
    private AutoCloseable connection = () -> { };
    private final Opener opener;
    private final Thread worker;
    private volatile boolean released;
    private volatile boolean running = true;

    private Collector(Opener opener, boolean deferred) {
        this.opener = opener;
        this.released = !deferred;
        this.worker = new Thread(this::work, "bench-receiver");
        worker.setDaemon(true);
        worker.start();
    }

    private void arrived(String topic, byte[] payload) {
        pending.incrementAndGet();
        queue.add(new Arrived(topic, payload, nowMicros()));
    }

    /**
     * The baseline's plain subscriber: Paho's own reconnect, every second. A fresh client id per step, and
     * a session that outlives a broker restart (mosquitto persists it): whatever the gateway publishes
     * before this subscriber is back is queued, not dropped.
     */
    private void connectPlain(String url, String clientId, String filter) throws MqttException {
        MqttClient plainClient = new MqttClient(url, clientId, new MemoryPersistence());
        plainClient.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(topic, message.getPayload());
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                // The persistent session keeps the subscription. Subscribing again here, on Paho's
                // callback thread, would wait for a SUBACK that thread itself must deliver: a deadlock.
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
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        options.setConnectionTimeout(5);
        options.setReceiveMaximum(1000);
        plainClient.connect(options);
        plainClient.subscribe(filter, 1);
        connection = () -> {
            try {
                plainClient.disconnect(2000);
            } catch (MqttException e) {
                // going anyway
            }
            plainClient.close(true);
        };
    }

    /** Subscribes over mutual TLS to everything the gateway publishes and opens it with the real receiver. */
    static Collector secured(Ward ward, String clientId, boolean deferred) throws Exception {
        Receiver receiver = new Receiver(new EnvelopeOpener(Map.of(Ward.BACKEND_KEY_ID, ward.backend.key()),
                new CaSignerCheck(ReceiverKeys.certificates(ward.caPem), List.of(), List.of())),
                new WindowDeduplicator(65_536, 100_000), List.of());
        Collector collector = new Collector((message, tally) -> {
            OpenResult result = receiver.receive(message.topic(), message.payload());
            if (result instanceof OpenResult.Opened opened) {
                String device = opened.tags().deviceId();
                tally.envelope(device, opened.tags().sequence(), message.arrivalMicros(),
                        micros(opened.tags().sealedAt()));
                for (io.wardgate.api.Alarm alarm : opened.batch().alarms()) {
                    tally.alarm(micros(alarm.gatewayTime()), message.arrivalMicros());
                }
                for (Reading reading : opened.batch().readings()) {
                    tally.reading(device, reading instanceof WaveformSegment wave ? wave.sampleCount() : 1,
                            micros(reading.receivedAt()), message.arrivalMicros());
                }
            } else if (result instanceof OpenResult.Rejected rejected
                    && rejected.reason() == OpenResult.Reason.DUPLICATE) {
                // QoS 1 is at-least-once: a redelivery after a reconnect is expected, not an error.
                tally.duplicate();
            } else {
                tally.rejected();
            }
        }, deferred);
        // The product's subscriber: a session for readings and one for the alarm streams, a 5 s connect
        // timeout and the shared backoff (a refused TCP connection retried within half a second).
        PahoSubscriber subscriber = new PahoSubscriber(new PahoSubscriber.Settings(ward.broker.url(), clientId,
                "wardgate/+/+/+/vitals/+", "",
                TlsContexts.socketFactory(ward.receiverP12, ward.receiverPassword, ward.caPem)));
        collector.connection = subscriber;
        subscriber.start((topic, payload, acknowledgement) -> {
            collector.arrived(topic, payload);
            acknowledgement.run();
        });
        return collector;
    }

    /** Subscribes over plain TCP to the baseline's unsealed messages. */
    static Collector plain(Ward ward, String clientId, boolean deferred) throws Exception {
        Collector collector = new Collector(
                (message, tally) -> PlainPayload.read(message.payload(), message.arrivalMicros(), tally), deferred);
        collector.connectPlain(ward.plain.url(), clientId, "wardgate-baseline/#");
        return collector;
    }

    Tally tally() {
        return tally;
    }

    /** Lets a deferred worker start opening what arrived. */
    void release() {
        released = true;
    }

    /** Messages arrived and not yet opened. */
    long backlog() {
        return pending.get();
    }

    private void work() {
        while (running) {
            try {
                if (!released) {
                    Thread.sleep(50);
                    continue;
                }
                Arrived message = queue.poll(100, TimeUnit.MILLISECONDS);
                if (message == null) {
                    continue;
                }
                try {
                    opener.open(message, tally);
                } catch (Exception e) {
                    tally.rejected();
                } finally {
                    pending.decrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static long nowMicros() {
        return micros(Instant.now());
    }

    static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    @Override
    public void close() throws Exception {
        running = false;
        worker.interrupt();
        worker.join(5000);
        connection.close();
    }
}
