package io.wardgate.demo;

import io.wardgate.sim.SimulatorRunner;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.ShippedJvm;
import io.wardgate.testkit.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The WardGate demo, end to end and for real: three simulated bedside devices on pseudo-terminals,
 * the exported appliance as its own process reading them through its serial drivers, a local TLS
 * broker requiring client certificates, and the backend receiver verifying, decrypting and printing
 * the readings. The demo CA exists only in the demo directory and is never used anywhere else.
 *
 * <pre>java io.wardgate.demo.Demo TOP_DIR DEMO_DIR [SECONDS]</pre> (0 seconds: until Ctrl-C)
 */
public final class Demo {
    private static final PrintStream OUT = System.out;
    /** The file the demo JVM's library logs go to (logback.xml): HiveMQ, Netty, the simulators. */
    static final String LIBRARIES_LOG = "wardgate.demo.libraries.log";
    static final String LIBRARIES_LOG_FILE = "libraries.log";

    private final Path top;
    private final Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final AtomicLong readings = new AtomicLong();
    private final Set<String> bedsHeard = ConcurrentHashMap.newKeySet();

    Demo(Path top, Path dir) {
        this.top = top;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Demo TOP_DIR DEMO_DIR [SECONDS]");
            System.exit(2);
        }
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 0;
        Path dir = Path.of(args[1]).toAbsolutePath();
        // Library logs to a file (logback.xml); set before anything logs, read when logging starts.
        System.setProperty(LIBRARIES_LOG, dir.resolve(LIBRARIES_LOG_FILE).toString());
        Demo demo = new Demo(Path.of(args[0]).toAbsolutePath(), dir);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stop, "demo-stop"));
        long received = demo.run(seconds, false);
        System.exit(seconds > 0 && received == 0 ? 1 : 0);
    }

    /**
     * Runs the demo for {@code seconds} (0: until the gateway stops or Ctrl-C), or only until every
     * bed has been heard when {@code untilEveryBed}; returns how many readings the receiver printed.
     */
    long run(long seconds, boolean untilEveryBed) throws Exception {
        fresh(dir);
        say("demo directory " + dir);

        Path libraries = Path.of(System.getProperty(LIBRARIES_LOG, dir.resolve(LIBRARIES_LOG_FILE).toString()));
        say("logs, not shown here: gateway (with Jetty) " + dir.resolve("gateway.log") + ", receiver "
                + dir.resolve("receiver.log") + ", libraries (HiveMQ, Netty, simulators) " + libraries);

        TestPki ca = TestPki.create("WardGate demo CA (demo only)");
        MqttBroker broker = Brokers.start(BrokerSetup.of(dir.resolve("broker"), ca));
        running.add(broker);
        say("broker: " + broker.kind() + " with TLS and client certificates at " + broker.url() + ", log "
                + (broker.kind().equals("mosquitto") ? dir.resolve("broker/mosquitto.log") : libraries));

        Path pki = Files.createDirectories(dir.resolve("pki"));
        Path anchors = ca.writeCaPem(pki.resolve("demo-ca.pem"));
        Issued backend = ca.client("backend-receiver");

        List<DemoDevice> devices = List.of(
                DemoDevice.probe("intellivue", "bed-1", 11),
                DemoDevice.probe("masimo", "bed-2", 12),
                DemoDevice.probe("nonin-df8", "bed-3", 13),
                DemoDevice.probe("datex", "bed-4", 14),
                DemoDevice.probe("medibus", "bed-5", 15));
        Path dev = Files.createDirectories(dir.resolve("dev"));
        for (DemoDevice device : devices) {
            running.add(SimulatorRunner.plugged(DemoDevice.simulator(device.protocol(), device.seed()),
                    dev.resolve(device.bed())));
            say("simulated " + device.protocol() + " on " + dev.resolve(device.bed())
                    + (device.serialNumber().isEmpty() ? "" : " (" + device.model() + " " + device.serialNumber() + ")"));
        }

        Path data = dir.resolve("gateway/data");
        Path conf = dir.resolve("gateway/conf");
        GatewayFiles.enroll(data, ca, backend);
        NetworkedMonitor lan = NetworkedMonitor.probe();
        GatewayFiles.configure(conf, dev, devices, broker.url(), anchors, List.of(lan.allowlistEntry()));
        running.add(lan.start(lan.configure(conf, dir)));
        say("simulated intellivue-lan at " + lan.address() + " (" + lan.device().model() + " "
                + lan.device().serialNumber() + "), " + NetworkedMonitor.BED);
        say("gateway " + GatewayFiles.GATEWAY_ID + " enrolled by the demo CA; devices pre-approved");
        int consolePort = DemoConsole.configure(conf);

        Process gateway = gateway(data, conf);
        DemoConsole console = new DemoConsole();
        running.add(console);
        console.announce(dir.resolve("gateway.log"), consolePort, Demo::say);
        Process receiver = receiver(broker, ca, backend, pki);
        CountDownLatch everyBed = new CountDownLatch(devices.size() + 1); // and the networked monitor
        Thread printer = new Thread(() -> print(receiver, everyBed), "demo-receiver-output");
        printer.setDaemon(true);
        printer.start();
        say("waiting for sealed readings to arrive at the receiver (Ctrl-C stops the demo) ...");

        if (seconds > 0) {
            if (untilEveryBed) {
                everyBed.await(seconds, TimeUnit.SECONDS);
            } else {
                gateway.waitFor(seconds, TimeUnit.SECONDS);
            }
            stop();
        } else {
            gateway.waitFor();
        }
        return readings.get();
    }

    private Process gateway(Path data, Path conf) throws IOException {
        Files.createDirectories(data.resolve("tmp"));
        Path jar = top.resolve("distrib/appliance/target/wardgate.jar");
        // the JVM options an installed gateway runs (the unit's, with the build's class-data sharing archive)
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(ShippedJvm.forJar(top, jar));
        command.addAll(List.of("-Dlaunch.storage.dir=" + data.resolve("framework"), "-Dfelix.fileinstall.dir=" + conf,
                "-Dwardgate.data=" + data, "-Djava.io.tmpdir=" + data.resolve("tmp"),
                "-Dorg.sqlite.tmpdir=" + data.resolve("tmp"), "-Djna.tmpdir=" + data.resolve("tmp"),
                "-Dfazecast.jSerialComm.appid=wardgate", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        ShippedJvm.environment(builder);
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile());
        return started(builder);
    }

    private Process receiver(MqttBroker broker, TestPki ca, Issued backend, Path pki) throws IOException {
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
        Path passwordFile = Files.writeString(pki.resolve("receiver-p12.password"), new String(password));
        Path p12 = backend.writePkcs12(pki.resolve("receiver.p12"), password);
        Path key = backend.writeKeyPem(pki.resolve("backend-key.pem"));
        Path caPem = pki.resolve("demo-ca.pem");
        Path receiverHome = top.resolve("bundles/io.wardgate.receiver/target");
        String classPath = receiverHome.resolve("io.wardgate.receiver-0.1.0-SNAPSHOT.jar") + ":" + receiverHome.resolve("lib/*");
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", classPath, "io.wardgate.receiver.cli.ReceiverMain",
                "subscribe", "--broker", broker.url(), "--client-id", "demo-backend", "--client-p12", p12.toString(),
                "--client-password-file", passwordFile.toString(), "--broker-ca", caPem.toString(),
                "--backend-key", GatewayFiles.BACKEND_KEY_ID + "=" + key, "--gateway-ca", caPem.toString(),
                "--topic", "wardgate/#");
        builder.redirectError(dir.resolve("receiver.log").toFile());
        return started(builder);
    }

    /** Beds from which at least one verified reading reached the receiver. */
    Set<String> bedsHeard() {
        return Set.copyOf(bedsHeard);
    }

    private void print(Process receiver, CountDownLatch everyBed) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                OUT.println(ReadingLine.summary(line));
                readings.incrementAndGet();
                if (ReadingLine.isReading(line) && bedsHeard.add(ReadingLine.bed(line))) {
                    everyBed.countDown();
                }
            }
        } catch (IOException stopped) {
            // the receiver ended
        }
    }

    private Process started(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        running.add(() -> {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        });
        return process;
    }

    synchronized void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("demo: while stopping: " + e);
            }
        }
        running.clear();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static void say(String message) {
        OUT.println("demo: " + message);
    }
}
