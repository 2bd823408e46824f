package io.wardgate.backend.kafka;

import io.wardgate.testkit.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * A real Apache Kafka broker (kafka_2.13 4.4.0 from Maven Central, on this test's class path) as a
 * child JVM: KRaft, one node as broker and controller, plaintext on 127.0.0.1 only, replication 1.
 * The storage is formatted once; {@link #stop()} and {@link #startAgain()} keep the data.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path directory) {
        this.directory = directory;
        this.port = FreePort.pick();
        this.controllerPort = FreePort.pick();
    }

    /** Formats a new single-node cluster under {@code directory} and starts it. */
    public static KafkaBroker start(Path directory) throws IOException, InterruptedException {
        KafkaBroker broker = new KafkaBroker(Files.createDirectories(directory));
        Path config = broker.writeConfig();
        Process format = java(directory.resolve("format.log"), List.of("-Xmx256m"), "kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString());
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("kafka storage format failed: "
                    + Files.readString(directory.resolve("format.log")));
        }
        broker.launch();
        return broker;
    }

    private Path writeConfig() throws IOException {
        String text = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "group.initial.rebalance.delay.ms=0",
                "transaction.abort.timed.out.transaction.cleanup.interval.ms=2000",
                "log.flush.interval.messages=1",
                "");
        return Files.writeString(directory.resolve("server.properties"), text, StandardCharsets.UTF_8);
    }

    private void launch() throws IOException {
        process = java(directory.resolve("kafka.log"), List.of("-Xmx512m", "-XX:+UseSerialGC"), "kafka.Kafka",
                directory.resolve("server.properties").toString());
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap());
        admin.put("request.timeout.ms", "5000");
        admin.put("default.api.timeout.ms", "10000");
        Awaitility.await("kafka on " + bootstrap()).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("kafka exited: " + log());
                    }
                    try (Admin client = Admin.create(admin)) {
                        return !client.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                    }
                });
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts again after {@link #stop()}, on the same ports with the same data. */
    public void startAgain() throws IOException {
        launch();
    }

    /** Stops the broker (SIGTERM: a clean shutdown). */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    public String log() {
        try {
            return Files.readString(directory.resolve("kafka.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A child JVM running {@code mainClass} with this test's class path, output to {@code log}. */
    public static Process java(Path log, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
