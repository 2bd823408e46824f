package io.wardgate.backend.kafka;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.envelope.Topics;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A lightweight simulated gateway: its own P-256 key and certificate (CN = gateway id) from the
 * test CA, sealing real envelopes (sign + encrypt to the backend test key) for its devices and
 * publishing them at QoS 1 over mutual TLS to the envelope topic, as the uplink does. Every
 * tenth sequence carries a heart rate in alarm besides the SpO2 reading.
 */
public final class SimulatedGateway implements AutoCloseable {
    private static final Reading NORMAL = TestReadings.everyVitalSign().get(1);
    private static final Reading ALARM = Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(150),
            EnumSet.of(StatusFlag.IN_ALARM), TestReadings.T0);

    private final String gatewayId;
    private final Issued identity;
    private final EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(new SecureRandom()),
            Es256Signer.randomized(new SecureRandom()));
    private final SSLSocketFactory sockets;
    private final String brokerUri;
    private MqttClient client;

    public SimulatedGateway(TestPki pki, String gatewayId, String brokerUri, Path directory, Path caPem)
            throws Exception {
        this.gatewayId = gatewayId;
        this.identity = pki.client(gatewayId);
        this.brokerUri = brokerUri;
        char[] password = "test-only".toCharArray();
        this.sockets = io.wardgate.receiver.mqtt.TlsContexts.socketFactory(
                identity.writePkcs12(directory.resolve(gatewayId + ".p12"), password), password, caPem);
    }

    public String gatewayId() {
        return gatewayId;
    }

    /** The device ids of this gateway (serial ports, as the real one names them). */
    public static String device(int index) {
        return monitor(index).id();
    }

    private static DeviceIdentity monitor(int index) {
        return new DeviceIdentity(Transport.SERIAL, "/dev/ttyUSB" + index, "IntelliVue MX450", "DE1234567" + index,
                "");
    }

    public String topic(String deviceId) {
        return "wardgate/st-marys/icu-2/" + gatewayId + "/vitals/" + Topics.escape(deviceId);
    }

    /** Whether this sequence's envelope carries an alarm. */
    public static boolean alarm(long sequence) {
        return sequence % 10 == 9;
    }

    /** The readings of one envelope: 1, or 2 with an alarm. */
    public static int readingsOf(long sequence) {
        return alarm(sequence) ? 2 : 1;
    }

    public byte[] seal(int device, long epoch, long sequence, Instant sealedAt) {
        List<Reading> readings = new ArrayList<>(List.of(NORMAL));
        if (alarm(sequence)) {
            readings.add(ALARM);
        }
        return sealer.seal(new SealTags(gatewayId, device(device), epoch, sequence, sealedAt),
                new Batch(monitor(device), TestReadings.BED_12, "icu", readings),
                new SigningKey(identity.key(), identity.certificate().getPublicKey(), identity.chain()),
                TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
    }

    /**
     * Publishes at QoS 1 and returns once the broker acknowledged it, (re)connecting as needed (a
     * broker restart is waited out for up to 60 s).
     */
    public void publish(String deviceId, byte[] envelope) {
        MqttMessage message = new MqttMessage(envelope);
        message.setQos(1);
        // Paho counts a QoS 1 publish in flight until its callback thread saw the PUBACK, which lags
        // on a loaded machine: "too many in flight" is retried like a lost connection.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
            try {
                if (client == null || !client.isConnected()) {
                    connect();
                }
                client.publish(topic(deviceId), message);
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT || client == null
                        || !client.isConnected()) {
                    return false;
                }
                throw e;
            }
        });
    }

    private void connect() throws MqttException {
        if (client != null) {
            close();
        }
        client = new MqttClient(brokerUri, gatewayId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(sockets);
        options.setHttpsHostnameVerificationEnabled(true);
        options.setCleanStart(true);
        client.connect(options);
    }

    /** Sealed-at for tests: now (the receiver checks the certificate at reception). */
    public static Instant now() {
        return Instant.now();
    }

    @Override
    public void close() throws MqttException {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(2_000);
                }
            } finally {
                client.close(true);
                client = null;
            }
        }
    }

    static Set<String> devices(int count) {
        Set<String> devices = new java.util.LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            devices.add(device(i));
        }
        return devices;
    }
}
