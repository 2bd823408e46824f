package io.wardgate.backend.kafka;

import io.wardgate.api.StatusFlag;
import io.wardgate.receiver.JsonLinesSink;
import io.wardgate.receiver.Receiver;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of the receivers' consumer group. For each batch polled from the envelopes topic, in
 * one Kafka transaction: open, verify and de-duplicate every envelope with the state of its
 * partition (the receiver core), produce one readings record per reading (and an alarms record for
 * a reading in alarm), or the envelope to the rejected topic with the reason, the partition's
 * changed de-duplication state to the changelog, and the consumer offsets. Consumers of the outputs
 * read with isolation.level=read_committed and see each reading exactly once. A partition's state
 * is restored from the changelog when the partition is assigned, after its committed offset is
 * settled. A failed transaction is aborted and the assigned partitions are restored and re-read;
 * a fenced producer (another instance took over) ends the loop.
 */
public final class KafkaReceiver implements AutoCloseable {
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    static final String SOURCE = "source";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReceiver.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private Producer<byte[], byte[]> producer;
    private final Supplier<Consumer<byte[], byte[]>> changelogReaders;
    private final EnvelopeOpener opener;
    private final BackendTopics topics;
    private final int window;
    private final int maxStreams;
    private final Map<Integer, Partition> partitions = new HashMap<>();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong envelopes = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running = true;

    /** The receiver core of one partition, whose only sink collects what was opened. */
    private record Partition(PartitionState state, Receiver receiver, List<OpenResult.Opened> opened) {
    }

    /**
     * @param consumer a consumer of the receivers' group, read_committed, auto-commit off
     * @param producers makes the transactional producer (a transactional.id of its own per instance);
     *     called again when a transaction could not even be aborted
     * @param changelogReaders read_committed consumers without a group, for restoring state
     */
    public KafkaReceiver(Consumer<byte[], byte[]> consumer, Supplier<Producer<byte[], byte[]>> producers,
            Supplier<Consumer<byte[], byte[]>> changelogReaders, EnvelopeOpener opener, BackendTopics topics,
            int window, int maxStreams) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.producers = Objects.requireNonNull(producers, "producers");
        this.changelogReaders = Objects.requireNonNull(changelogReaders, "changelogReaders");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.window = window;
        this.maxStreams = maxStreams;
        new PartitionState(window, maxStreams); // refuses bad bounds now, not at the first assignment
    }

    /** Runs until {@link #stop()}; throws when this instance was fenced or is not authorised. */
    public void run() {
        producer = producers.get();
        producer.initTransactions();
        consumer.subscribe(List.of(topics.envelopes()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                revoked.forEach(p -> partitions.remove(p.partition()));
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                restore(assigned);
                LOG.info("Assigned {}", assigned);
            }
        });
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    process(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> records) {
        producer.beginTransaction();
        try {
            long[] counts = new long[3];
            for (ConsumerRecord<byte[], byte[]> record : records) {
                handle(record, counts);
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> list = records.records(partition);
                offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            envelopes.addAndGet(counts[0]);
            readings.addAndGet(counts[1]);
            rejected.addAndGet(counts[2]);
        } catch (ProducerFencedException | AuthorizationException e) {
            throw e;
        } catch (KafkaException | IOException e) {
            LOG.warn("Transaction failed ({}); aborting and re-reading from the committed offsets", e.toString());
            abort(e);
            restore(consumer.assignment());
        }
    }

    /**
     * Aborts the open transaction. When that fails too, or the producer's epoch is gone (the
     * coordinator aborted a transaction that outlived transaction.timeout.ms), a new producer with
     * the same transactional id takes over: initTransactions aborts whatever the old one left open.
     */
    private void abort(Exception cause) {
        boolean renew = cause instanceof InvalidProducerEpochException || cause instanceof OutOfOrderSequenceException
                || cause.getCause() instanceof InvalidProducerEpochException;
        if (!renew) {
            try {
                producer.abortTransaction();
                return;
            } catch (ProducerFencedException e) {
                throw e;
            } catch (KafkaException e) {
                LOG.warn("Abort failed too ({}); a new producer takes over", e.toString());
            }
        }
        producer.close(Duration.ZERO);
        producer = producers.get();
        producer.initTransactions();
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, long[] counts) throws IOException {
        Partition partition = partitions.get(record.partition());
        if (partition == null) {
            throw new KafkaException("record of partition " + record.partition() + " which is not assigned");
        }
        Header topicHeader = record.headers().lastHeader(MqttKafkaBridge.MQTT_TOPIC);
        if (topicHeader == null || record.value() == null) {
            reject(record, "MALFORMED", "no MQTT topic header or no value", counts);
            return;
        }
        String mqttTopic = new String(topicHeader.value(), StandardCharsets.UTF_8);
        OpenResult result = partition.receiver().receive(mqttTopic, record.value());
        partition.opened().clear();
        if (result instanceof OpenResult.Rejected rejection) {
            reject(record, rejection.reason().name(), rejection.detail(), counts);
            return;
        }
        OpenResult.Opened opened = (OpenResult.Opened) result;
        StringWriter lines = new StringWriter();
        new JsonLinesSink(lines).write(opened);
        List<String> json = lines.toString().lines().toList();
        int readingLines = opened.batch().readings().size();
        for (int i = 0; i < json.size(); i++) {
            byte[] value = json.get(i).getBytes(StandardCharsets.UTF_8);
            if (i >= readingLines) {
                // A device alarm change ("kind":"alarm", after the readings): the alarms topic only.
                producer.send(new ProducerRecord<>(topics.alarms(), record.key(), value));
                continue;
            }
            producer.send(new ProducerRecord<>(topics.readings(), record.key(), value));
            if (opened.batch().readings().get(i).status().contains(StatusFlag.IN_ALARM)) {
                producer.send(new ProducerRecord<>(topics.alarms(), record.key(), value));
            }
        }
        for (PartitionState.Change change : partition.state().drain()) {
            producer.send(new ProducerRecord<>(topics.changelog(), record.partition(), change.key(), change.value()));
        }
        counts[0]++;
        counts[1] += json.size();
    }

    private void reject(ConsumerRecord<byte[], byte[]> record, String reason, String detail, long[] counts) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topics.rejected(), record.key(), record.value());
        record.headers().forEach(h -> out.headers().add(h));
        out.headers().add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        out.headers().add(DETAIL, detail.getBytes(StandardCharsets.UTF_8));
        out.headers().add(SOURCE, (record.topic() + '/' + record.partition() + '/' + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        producer.send(out);
        counts[2]++;
    }

    /**
     * Settles the committed offsets of {@code assigned} first (a read_committed consumer waits for a
     * pending transactional offset commit of the previous owner), then rebuilds each partition's
     * state from the changelog up to its last stable offset, and seeks to the committed offsets.
     */
    private void restore(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(assigned));
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
            PartitionState state = new PartitionState(window, maxStreams);
            try (Consumer<byte[], byte[]> reader = changelogReaders.get()) {
                TopicPartition changelog = new TopicPartition(topics.changelog(), partition.partition());
                reader.assign(List.of(changelog));
                reader.seekToBeginning(List.of(changelog));
                long end = reader.endOffsets(List.of(changelog)).get(changelog);
                while (reader.position(changelog) < end) {
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                        state.restore(record.key(), record.value());
                    }
                }
            }
            List<OpenResult.Opened> opened = new ArrayList<>();
            partitions.put(partition.partition(),
                    new Partition(state, new Receiver(opener, state, List.of(opened::add)), opened));
        }
    }

    /** Envelopes accepted, readings produced and envelopes rejected, in committed transactions. */
    public long[] counts() {
        return new long[] {envelopes.get(), readings.get(), rejected.get()};
    }

    /** Ends {@link #run()} after the current batch (from another thread, e.g. a shutdown hook). */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void close() {
        try {
            consumer.close();
        } finally {
            if (producer != null) {
                producer.close();
            }
        }
    }
}
