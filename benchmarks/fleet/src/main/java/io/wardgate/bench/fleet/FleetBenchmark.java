package io.wardgate.bench.fleet;

import io.wardgate.backend.kafka.BackendTopics;
import io.wardgate.backend.kafka.KafkaBroker;
import io.wardgate.backend.kafka.MqttKafkaBridge;
import io.wardgate.backend.kafka.SimulatedGateway;
import io.wardgate.backend.kafka.cli.KafkaBackendMain;
import io.wardgate.receiver.mqtt.PahoSubscriber;
import io.wardgate.receiver.mqtt.TlsContexts;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.MosquittoBroker;
import io.wardgate.testkit.Pem;
import io.wardgate.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The fleet simulation. For each receiver count M: a backlog of envelopes from N gateways goes
 * through mosquitto and the bridge into Kafka first, then M receivers start and drain it
 * (throughput: envelopes and readings per second, and per CPU-second of the receivers, read from
 * /proc); then a paced phase measures end-to-end latency (sealed on the simulated gateway to
 * committed in the readings topic). Options as key=value: gateways, devices, backlog, partitions,
 * receivers (e.g. 1,2), rate (envelopes/s in the paced phase), seconds (its length), publishers.
 */
public final class FleetBenchmark {
    private static final Pattern SEALED_AT = Pattern.compile("\"sealedAt\":\"([^\"]+)\"");

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("gateways", "50", "devices", "2", "backlog", "3000",
                "partitions", "6", "receivers", "1,2", "rate", "100", "seconds", "10", "publishers", "4"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !options.containsKey(pair[0])) {
                System.err.println("options: " + options.keySet() + " as key=value");
                System.exit(1);
            }
            options.put(pair[0], pair[1]);
        }
        int gatewayCount = Integer.parseInt(options.get("gateways"));
        int devices = Integer.parseInt(options.get("devices"));
        int backlog = Integer.parseInt(options.get("backlog"));
        Path temp = Files.createTempDirectory("wardgate-fleet");
        TestPki pki = TestPki.create("Fleet test CA");
        Path caPem = pki.writeCaPem(temp.resolve("ca.pem"));
        Path backendKey = temp.resolve("backend.key");
        Pem.writePrivateKey(backendKey, TestKeys.backend().getPrivate());
        System.out.println("fleet: " + options + ", load average " + loadAverage());
        try (KafkaBroker kafka = KafkaBroker.start(temp.resolve("kafka"));
                MosquittoBroker mqtt = new MosquittoBroker(BrokerSetup.of(temp.resolve("mosquitto"), pki))) {
            mqtt.start();
            String uri = "ssl://localhost:" + mqtt.port();
            List<SimulatedGateway> gateways = new ArrayList<>();
            for (int g = 0; g < gatewayCount; g++) {
                gateways.add(new SimulatedGateway(pki, String.format("wg-%04d", g), uri, temp, caPem));
            }
            char[] password = "test-only".toCharArray();
            Path bridgeP12 = pki.client("backend-receiver").writePkcs12(temp.resolve("bridge.p12"), password);
            int epoch = 0;
            for (String m : options.get("receivers").split(",")) {
                epoch++;
                int receivers = Integer.parseInt(m.trim());
                BackendTopics topics = new BackendTopics("fleet" + epoch);
                Properties kafkaProperties = new Properties();
                kafkaProperties.put("bootstrap.servers", kafka.bootstrap());
                try (Admin admin = Admin.create(kafkaProperties)) {
                    topics.create(admin, Integer.parseInt(options.get("partitions")), (short) 1);
                }
                Properties producer = new Properties();
                producer.putAll(kafkaProperties);
                producer.put("acks", "all");
                producer.put("linger.ms", "5");
                try (MqttKafkaBridge bridge = new MqttKafkaBridge(new PahoSubscriber(new PahoSubscriber.Settings(uri,
                        "fleet-bridge-" + epoch, PahoSubscriber.ENVELOPE_FILTER, "",
                        TlsContexts.socketFactory(bridgeP12, password, caPem))),
                        new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()), topics,
                        1 << 20); Output output = new Output(kafka, topics)) {
                    bridge.start();
                    long publishStart = System.nanoTime();
                    long[] sequences = publish(gateways, devices, epoch, 0, backlog, 0, options);
                    double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
                    waitFor(() -> bridge.forwarded() >= backlog, Duration.ofMinutes(10));
                    int expectedReadings = readings(sequences);
                    List<Process> processes = new ArrayList<>();
                    for (int r = 0; r < receivers; r++) {
                        processes.add(KafkaBroker.java(temp.resolve("receiver-" + epoch + "-" + r + ".log"),
                                List.of("-Xmx256m", "-XX:+UseSerialGC"), KafkaBackendMain.class.getName(), "receive",
                                "--bootstrap", kafka.bootstrap(), "--prefix", topics.prefix(), "--instance",
                                "r" + r, "--backend-key", "backend-test=" + backendKey, "--gateway-ca",
                                caPem.toString(), "--stats-seconds", "60"));
                    }
                    waitFor(() -> output.poll() >= expectedReadings, Duration.ofMinutes(10));
                    double drainSeconds = (output.lastNanos - output.firstNanos) / 1e9;
                    double cpuSeconds = processes.stream().mapToDouble(FleetBenchmark::cpuSeconds).sum();
                    System.out.printf("M=%d backlog: %d envelopes (%d readings) published in %.1f s (%.0f/s); drained"
                            + " in %.1f s from the first output: %.0f envelopes/s, %.0f readings/s; receivers' CPU"
                            + " %.1f s (incl. start-up): %.0f envelopes per CPU-second; load average %s%n", receivers,
                            backlog, expectedReadings, publishSeconds, backlog / publishSeconds, drainSeconds,
                            backlog / drainSeconds, expectedReadings / drainSeconds, cpuSeconds, backlog / cpuSeconds,
                            loadAverage());

                    int rate = Integer.parseInt(options.get("rate"));
                    int paced = rate * Integer.parseInt(options.get("seconds"));
                    output.latencies.clear();
                    int before = output.count;
                    // The output is read while the paced phase publishes: a reading's latency ends when the
                    // downstream consumer sees it committed, not when this loop gets round to looking.
                    ExecutorService pacer = Executors.newSingleThreadExecutor();
                    int thisEpoch = epoch;
                    Future<long[]> publishing = pacer.submit(
                            () -> publish(gateways, devices, thisEpoch, backlog, paced, rate, options));
                    while (!publishing.isDone()) {
                        output.poll();
                    }
                    long[] more = publishing.get();
                    pacer.shutdown();
                    waitFor(() -> output.poll() >= before + readings(more) - readings(sequences), Duration.ofMinutes(5));
                    List<Long> latencies = new ArrayList<>(output.latencies);
                    Collections.sort(latencies);
                    System.out.printf("M=%d paced %d envelopes/s for %s s: end-to-end latency p50 %d ms, p95 %d ms,"
                            + " p99 %d ms, max %d ms (%d readings); load average %s%n", receivers, rate,
                            options.get("seconds"), pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
                            latencies.get(latencies.size() - 1), latencies.size(), loadAverage());
                    processes.forEach(Process::destroy);
                    for (Process process : processes) {
                        process.waitFor(30, TimeUnit.SECONDS);
                    }
                }
            }
            for (SimulatedGateway gateway : gateways) {
                gateway.close();
            }
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(temp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Publishes {@code count} envelopes round-robin over gateways and devices (each device's sequences
     * counting on from where the previous call left), from several threads, each owning some gateways;
     * paced at {@code rate} per second when rate &gt; 0. Returns the sequences per device reached.
     */
    private static long[] publish(List<SimulatedGateway> gateways, int devices, int epoch, int already, int count,
            int rate, Map<String, String> options) throws Exception {
        int threads = Math.min(Integer.parseInt(options.get("publishers")), gateways.size());
        int streams = gateways.size() * devices;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = already; i < already + count; i++) {
                    int stream = i % streams;
                    // Each gateway belongs to one thread (its index modulo the thread count): order per device.
                    if ((stream / devices) % threads != thread) {
                        continue;
                    }
                    if (rate > 0) {
                        long due = start + (long) ((i - already) * 1e9 / rate);
                        java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                    }
                    SimulatedGateway gateway = gateways.get(stream / devices);
                    gateway.publish(SimulatedGateway.device(stream % devices),
                            gateway.seal(stream % devices, epoch, i / streams, Instant.now()));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        long[] sequences = new long[streams];
        for (int i = 0; i < already + count; i++) {
            sequences[i % streams] = i / streams + 1;
        }
        return sequences;
    }

    private static int readings(long[] sequences) {
        int total = 0;
        for (long reached : sequences) {
            for (long s = 0; s < reached; s++) {
                total += SimulatedGateway.readingsOf(s);
            }
        }
        return total;
    }

    private static long pct(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    /** User + system CPU time of a child process, from /proc (clock ticks of 10 ms). */
    private static double cpuSeconds(Process process) {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) {
        org.awaitility.Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(200))
                .until(condition::getAsBoolean);
    }

    /** The readings topic as a downstream consumer sees it (read_committed): counts and latencies. */
    private static final class Output implements AutoCloseable {
        final List<Long> latencies = new ArrayList<>();
        final KafkaConsumer<byte[], byte[]> consumer;
        int count;
        long firstNanos;
        long lastNanos;

        Output(KafkaBroker kafka, BackendTopics topics) {
            Properties properties = new Properties();
            properties.put("bootstrap.servers", kafka.bootstrap());
            properties.put("isolation.level", "read_committed");
            properties.put("enable.auto.commit", "false");
            consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topics.readings()).forEach(p -> partitions.add(
                    new TopicPartition(topics.readings(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        int poll() {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                if (count++ == 0) {
                    firstNanos = now;
                }
                lastNanos = now;
                Matcher m = SEALED_AT.matcher(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                if (m.find()) {
                    latencies.add(Duration.between(Instant.parse(m.group(1)), Instant.now()).toMillis());
                }
            }
            return count;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
