package io.wardgate.backend.kafka.cli;

import io.wardgate.backend.kafka.BackendTopics;
import io.wardgate.backend.kafka.KafkaReceiver;
import io.wardgate.backend.kafka.MqttKafkaBridge;
import io.wardgate.receiver.CaSignerCheck;
import io.wardgate.receiver.ReceiverKeys;
import io.wardgate.receiver.mqtt.PahoSubscriber;
import io.wardgate.receiver.mqtt.TlsContexts;
import io.wardgate.seal.envelope.EnvelopeOpener;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka backend's command line (docs/operations.md, "Backend on Kafka"):
 * <pre>
 * backend topics  KAFKA --partitions N [--replication R]
 * backend bridge  KAFKA --broker ssl://host:8883 --client-id ID --client-p12 FILE
 *                 --client-password-file FILE --broker-ca FILE [--topic FILTER] [--max-envelope-bytes N]
 * backend receive KAFKA --instance ID --backend-key KEYID=FILE... --gateway-ca FILE [--gateway-certs FILE]
 *                 [--crl FILE] [--window N] [--max-streams N] [--group NAME] [--outage-allowance-hours H]
 * KAFKA: --bootstrap HOST:PORT[,...] [--kafka-config FILE] [--prefix wardgate] [--stats-seconds S]
 * </pre>
 * --kafka-config holds client properties (TLS or SASL towards Kafka, timeouts); the settings that
 * exactly-once depends on (idempotence, acks, transactions, read_committed, manual commits) are
 * set here and cannot be overridden. Exit status 0 on orderly stop, 1 on a usage or configuration
 * error, 3 when the receiver was fenced (another instance took its transactional id).
 */
public final class KafkaBackendMain {
    private KafkaBackendMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream stdout, PrintStream stderr) throws Exception {
        Map<String, List<String>> options;
        Properties kafka;
        BackendTopics topics;
        try {
            options = parse(args);
            kafka = kafkaProperties(options);
            topics = new BackendTopics(value(options, "--prefix", "wardgate"));
        } catch (IllegalArgumentException | IOException e) {
            stderr.println("backend: " + e.getMessage());
            stderr.println("usage: backend topics|bridge|receive --bootstrap HOST:PORT ... (see docs/operations.md)");
            return 1;
        }
        long statsSeconds = Long.parseLong(value(options, "--stats-seconds", "10"));
        switch (args[0]) {
            case "topics" -> {
                try (Admin admin = Admin.create(kafka)) {
                    topics.create(admin, Integer.parseInt(require(options, "--partitions")),
                            Short.parseShort(value(options, "--replication", "3")));
                }
                stdout.println("topics ready under " + topics.prefix());
                return 0;
            }
            case "bridge" -> {
                return bridge(options, kafka, topics, statsSeconds, stdout);
            }
            default -> {
                return receive(options, kafka, topics, statsSeconds, stdout, stderr);
            }
        }
    }

    private static int bridge(Map<String, List<String>> options, Properties kafka, BackendTopics topics,
            long statsSeconds, PrintStream stdout) throws Exception {
        Properties producer = new Properties();
        producer.putAll(kafka);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        char[] password = Files.readString(Path.of(require(options, "--client-password-file"))).trim().toCharArray();
        PahoSubscriber subscriber = new PahoSubscriber(new PahoSubscriber.Settings(require(options, "--broker"),
                require(options, "--client-id"), value(options, "--topic", PahoSubscriber.ENVELOPE_FILTER), "",
                TlsContexts.socketFactory(Path.of(require(options, "--client-p12")), password,
                        Path.of(require(options, "--broker-ca")))));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        ScheduledExecutorService stats = Executors.newSingleThreadScheduledExecutor();
        try (MqttKafkaBridge bridge = new MqttKafkaBridge(subscriber,
                new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()), topics,
                Integer.parseInt(value(options, "--max-envelope-bytes", "524288")))) {
            bridge.start();
            stats.scheduleAtFixedRate(() -> stdout.println("bridge forwarded=" + bridge.forwarded()), statsSeconds,
                    statsSeconds, TimeUnit.SECONDS);
            stop.await();
        } finally {
            stats.shutdownNow();
        }
        return 0;
    }

    private static int receive(Map<String, List<String>> options, Properties kafka, BackendTopics topics,
            long statsSeconds, PrintStream stdout, PrintStream stderr) throws Exception {
        String instance = require(options, "--instance");
        if (!instance.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("--instance: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        List<X509Certificate> known = options.containsKey("--gateway-certs")
                ? ReceiverKeys.certificates(Path.of(require(options, "--gateway-certs"))) : List.of();
        List<X509CRL> crls = options.containsKey("--crl") ? ReceiverKeys.crls(Path.of(require(options, "--crl")))
                : List.of();
        EnvelopeOpener opener = new EnvelopeOpener(ReceiverKeys.backendKeys(options.getOrDefault("--backend-key",
                List.of())), new CaSignerCheck(ReceiverKeys.certificates(Path.of(require(options, "--gateway-ca"))),
                        known, crls, Clock.systemUTC(), Duration.ofHours(Long.parseLong(value(options,
                                "--outage-allowance-hours", "168")))));

        Properties consumer = new Properties();
        consumer.putAll(kafka);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, value(options, "--group", topics.prefix() + "-receivers"));
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        consumer.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");
        // One transaction per poll: small batches keep it well inside the transaction timeout.
        consumer.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        Properties reader = new Properties();
        reader.putAll(kafka);
        reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties producer = new Properties();
        producer.putAll(kafka);
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + "-receiver-" + instance);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Shorter than the consumers' API timeout: a killed instance's open transaction is aborted
        // before a new owner of its partitions gives up waiting for the offsets to settle.
        producer.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "15000");

        try (KafkaReceiver receiver = new KafkaReceiver(
                new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                () -> new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()),
                () -> new KafkaConsumer<>(reader, new ByteArrayDeserializer(), new ByteArrayDeserializer()), opener,
                topics, Integer.parseInt(value(options, "--window", "1024")),
                Integer.parseInt(value(options, "--max-streams", "100000")))) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                receiver.stop();
                try {
                    main.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            ScheduledExecutorService stats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "stats");
                thread.setDaemon(true);
                return thread;
            });
            stats.scheduleAtFixedRate(() -> {
                long[] counts = receiver.counts();
                stdout.println("receiver " + instance + " envelopes=" + counts[0] + " readings=" + counts[1]
                        + " rejected=" + counts[2]);
            }, statsSeconds, statsSeconds, TimeUnit.SECONDS);
            try {
                receiver.run();
            } catch (org.apache.kafka.common.errors.ProducerFencedException e) {
                stderr.println("backend: receiver " + instance + " was fenced: " + e.getMessage());
                return 3;
            } finally {
                stats.shutdownNow();
            }
        }
        return 0;
    }

    private static Properties kafkaProperties(Map<String, List<String>> options) throws IOException {
        Properties properties = new Properties();
        if (options.containsKey("--kafka-config")) {
            try (InputStream in = Files.newInputStream(Path.of(require(options, "--kafka-config")))) {
                properties.load(in);
            }
        }
        properties.put("bootstrap.servers", require(options, "--bootstrap"));
        properties.putIfAbsent("client.id", "wardgate-backend");
        return properties;
    }

    static Map<String, List<String>> parse(String[] args) {
        if (args.length == 0 || !List.of("topics", "bridge", "receive").contains(args[0])) {
            throw new IllegalArgumentException("first argument must be topics, bridge or receive");
        }
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + ": expected --option VALUE");
            }
            options.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[++i]);
        }
        return options;
    }

    private static String value(Map<String, List<String>> options, String name, String otherwise) {
        List<String> values = options.get(name);
        return values == null ? otherwise : values.get(values.size() - 1);
    }

    private static String require(Map<String, List<String>> options, String name) {
        String value = value(options, name, null);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
