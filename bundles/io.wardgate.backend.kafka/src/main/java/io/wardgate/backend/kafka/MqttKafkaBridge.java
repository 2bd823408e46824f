package io.wardgate.backend.kafka;

import io.wardgate.receiver.mqtt.PahoSubscriber;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT to Kafka: each envelope from the hospital broker (QoS 1, persistent session) becomes a
 * record of the envelopes topic keyed by gateway/device (so one device's envelopes stay in order in
 * one partition), with the MQTT topic in a header. The MQTT message is acknowledged only in the
 * producer's callback, once Kafka has the record (acks=all, idempotent); if Kafka fails it, the
 * MQTT connection is dropped and the broker redelivers everything not acknowledged. A message too
 * large for an envelope goes to the rejected topic instead, never nowhere.
 */
public final class MqttKafkaBridge implements AutoCloseable {
    /** The header holding the MQTT topic an envelope arrived on. */
    public static final String MQTT_TOPIC = "mqtt-topic";
    private static final Logger LOG = LoggerFactory.getLogger(MqttKafkaBridge.class);

    private final PahoSubscriber subscriber;
    private final Producer<byte[], byte[]> producer;
    private final BackendTopics topics;
    private final int maxEnvelopeBytes;
    private final AtomicLong forwarded = new AtomicLong();

    public MqttKafkaBridge(PahoSubscriber subscriber, Producer<byte[], byte[]> producer, BackendTopics topics,
            int maxEnvelopeBytes) {
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        if (maxEnvelopeBytes < 1_024 || maxEnvelopeBytes > 8 << 20) {
            throw new IllegalArgumentException("maxEnvelopeBytes is 1 KiB to 8 MiB");
        }
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    public void start() throws Exception {
        subscriber.start(this::forward);
    }

    /** Envelopes Kafka has acknowledged so far. */
    public long forwarded() {
        return forwarded.get();
    }

    private void forward(String mqttTopic, byte[] payload, Runnable acknowledgement) {
        ProducerRecord<byte[], byte[]> record;
        if (payload.length > maxEnvelopeBytes) {
            LOG.warn("Envelope of {} bytes on {} exceeds {} bytes: to the rejected topic", payload.length, mqttTopic,
                    maxEnvelopeBytes);
            record = new ProducerRecord<>(topics.rejected(), key(mqttTopic), new byte[0]);
            record.headers().add(KafkaReceiver.REASON, "OVERSIZED".getBytes(StandardCharsets.UTF_8));
            record.headers().add(KafkaReceiver.DETAIL, (payload.length + " bytes").getBytes(StandardCharsets.UTF_8));
        } else {
            record = new ProducerRecord<>(topics.envelopes(), key(mqttTopic), payload);
        }
        record.headers().add(MQTT_TOPIC, mqttTopic.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                forwarded.incrementAndGet();
                acknowledgement.run();
            } else {
                LOG.error("Kafka did not take an envelope from {} ({}); reconnecting to MQTT for redelivery",
                        mqttTopic, failure.toString());
                subscriber.reconnectNow();
            }
        });
    }

    /**
     * gateway/device from wardgate/site/ward/gateway/suffix/device; a topic of another shape keeps
     * its whole name as key (the receiver then rejects it as TAGS_MISMATCH).
     */
    static byte[] key(String mqttTopic) {
        String[] levels = mqttTopic.split("/", -1);
        String key = levels.length == 6 ? levels[3] + '/' + levels[5] : mqttTopic;
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        try {
            subscriber.close();
        } finally {
            producer.close(java.time.Duration.ofSeconds(30));
        }
    }
}
