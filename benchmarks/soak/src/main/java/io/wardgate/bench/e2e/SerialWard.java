package io.wardgate.bench.e2e;

import io.wardgate.sim.SimulatorRunner;
import io.wardgate.testkit.Issued;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Node-RED comparison's ward, built from benchmarks/e2e's parts (same package, see
 * {@link SoakWard}): the mutual-TLS mosquitto and throw-away CA, N Masimo Radical-7 simulators on
 * pseudo-terminals at their real 1 line/s, and WardGate configured for exactly those ports with the
 * product defaults (no batching window set). The serial side is shared: first one gateway reads the
 * ports, then the other.
 */
public final class SerialWard implements AutoCloseable {
    private final Ward ward;
    private final Path dir;
    private final Path dev;
    private final List<SerialDevice> devices;
    private final List<SimulatorRunner> sims = new ArrayList<>();

    public SerialWard(Path dir, int count) throws IOException {
        this.dir = dir;
        this.ward = new Ward(dir.resolve("ward"), 0);
        this.dev = Files.createDirectories(dir.resolve("dev"));
        List<SerialDevice> probed = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            probed.add(SerialDevice.probe(new String[] {"masimo", String.format("bed-%02d", i), "9600",
                    String.valueOf(100 + i)}));
        }
        devices = List.copyOf(probed);
        for (SerialDevice device : devices) {
            sims.add(SimulatorRunner.plugged(SerialDevice.simulator(device.protocol(), device.seed()),
                    dev.resolve(device.bed())));
        }
    }

    /** The pseudo-terminal links, one per bed, in bed order. */
    public List<Path> ports() {
        return devices.stream().map(d -> dev.resolve(d.bed())).toList();
    }

    public String brokerUrl() {
        return ward.broker.url();
    }

    public Path caPem() {
        return ward.caPem;
    }

    /** A client certificate for another gateway (Node-RED) from the ward's CA. */
    public Issued client(String name) {
        return ward.ca.client(name);
    }

    /** A subscriber over mutual TLS to a topic filter, time-stamping arrivals (epoch ms). */
    public org.eclipse.paho.mqttv5.client.MqttClient subscriber(String clientId) throws Exception {
        org.eclipse.paho.mqttv5.client.MqttClient client = new org.eclipse.paho.mqttv5.client.MqttClient(
                ward.broker.url(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        org.eclipse.paho.mqttv5.client.MqttConnectionOptions options =
                new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        options.setSocketFactory(io.wardgate.receiver.mqtt.TlsContexts.socketFactory(ward.receiverP12,
                ward.receiverPassword, ward.caPem));
        options.setHttpsHostnameVerificationEnabled(true);
        client.setTimeToWait(10_000);
        client.connect(options);
        return client;
    }

    /** WardGate's side: one run with the product defaults, measured like Node-RED's. */
    public Figures measureWardGate(Path top, Path jar, List<String> jvm, int warmUpSeconds, int seconds)
            throws Exception {
        Path run = dir.resolve("wardgate");
        Path data = Files.createDirectories(run.resolve("data"));
        Path conf = Files.createDirectories(run.resolve("conf"));
        ward.enroll(data);
        Ward.write(conf, "io.wardgate.audit.AuditTrail.config",
                "gatewayId=\"" + Ward.GATEWAY_ID + "\"\nlocation=\"" + Ward.SITE + "/" + Ward.WARD + "\"\n");
        Ward.write(conf, "io.wardgate.policy.Allowlist.config",
                "allowlist=\"" + allowlist().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
        for (SerialDevice device : devices) {
            Ward.write(conf, "io.wardgate.serial.Port-" + device.bed() + ".config", "path=\"" + dev.resolve(device.bed())
                    + "\"\nprotocol=\"masimo\"\nbaudRate=I\"9600\"\nsite=\"" + Ward.SITE + "\"\nward=\"" + Ward.WARD
                    + "\"\nbed=\"" + device.bed() + "\"\n");
        }
        ward.configureSecured(conf, 0, 0); // the product defaults, as the e2e benchmark configures them
        try (Collector collector = Collector.secured(ward, "compare-wardgate", false)) {
            Gateway gateway = Gateway.start(top, jar, run, data, conf, jvm, null);
            try {
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (collector.tally().firstSerialArrivalMicros() == 0) {
                    if (!gateway.alive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("WardGate forwarded nothing; see " + run + "/gateway.log");
                    }
                    Thread.sleep(10);
                }
                double startup = (collector.tally().firstSerialArrivalMicros() - gateway.startedMicros) / 1e6;
                Thread.sleep(warmUpSeconds * 1000L);
                long from = Collector.nowMicros();
                long cpu = gateway.cpuTicks();
                Thread.sleep(seconds * 1000L);
                long to = Collector.nowMicros();
                long cpuEnd = gateway.cpuTicks();
                long rss = gateway.statusKib("VmRSS");
                long hwm = gateway.statusKib("VmHWM");
                // Readings born in the window arrive up to one batching window later.
                Thread.sleep(3000);
                Tally.Latency latency = collector.tally().latency(from, to);
                return new Figures("WardGate (defaults)", startup, latency.count(), latency.p50(), latency.p99(),
                        latency.max(), 100.0 * (cpuEnd - cpu) / Gateway.USER_HZ / ((to - from) / 1e6), rss, hwm);
            } finally {
                gateway.close();
            }
        }
    }

    private String allowlist() {
        TreeSet<Integer> metrics = new TreeSet<>();
        devices.forEach(d -> metrics.addAll(d.metrics()));
        String entries = devices.stream().map(d -> "{\"group\":\"" + Ward.GROUP + "\",\"transport\":\"serial\",\"address\":\""
                + dev.resolve(d.bed()) + "\",\"model\":\"" + d.model() + "\",\"serialNumber\":\"" + d.serialNumber()
                + "\",\"approvedBy\":\"user:bench-installer\"}").collect(Collectors.joining(","));
        return "{\"format\":\"wardgate-allowlist/1\",\"groups\":[{\"name\":\"" + Ward.GROUP + "\",\"metrics\":["
                + metrics.stream().map(String::valueOf).collect(Collectors.joining(","))
                + "],\"maxReadingsPerSecond\":1000,\"burst\":10000,\"bondingRequired\":false,"
                + "\"topicSuffix\":\"vitals\",\"backendKeyId\":\"" + Ward.BACKEND_KEY_ID + "\",\"priority\":5}],\"devices\":["
                + entries + "],\"denied\":[]}";
    }

    @Override
    public void close() {
        for (SimulatorRunner sim : sims) {
            sim.close();
        }
        ward.close();
    }

    /** What one gateway did: start to first reading at the subscriber, latency (ms), CPU (% of a core), memory (KiB). */
    public record Figures(String name, double startupSeconds, long readings, double p50, double p99, double max,
            double cpuPercent, long rssKib, long hwmKib) {
    }
}
