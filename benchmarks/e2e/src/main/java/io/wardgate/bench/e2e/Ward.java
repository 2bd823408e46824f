package io.wardgate.bench.e2e;

import io.wardgate.seal.admin.Identities;
import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.sim.SimulatorRunner;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.FreePort;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.MosquittoBroker;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What stays the same across the benchmark's steps: a throw-away CA, the TLS broker (mosquitto,
 * client certificates required), a plain loopback broker for the baseline, the backend's keys, and
 * the probed serial devices. Each step gets a fresh gateway directory (new enrollment, new data).
 */
final class Ward implements AutoCloseable {
    static final String GATEWAY_ID = "wg-bench-0001";
    static final String SITE = "bench-hospital";
    static final String WARD = "icu-1";
    static final String BACKEND_KEY_ID = "backend";
    static final String GROUP = "bench-ward";

    final Path dir;
    final TestPki ca;
    final MqttBroker broker;
    final PlainBroker plain;
    final Issued backend;
    final Path caPem;
    final Path receiverP12;
    final char[] receiverPassword;
    final List<SerialDevice> serial;
    private int steps;

    /** The broker's max_inflight_messages that docs/operations.md recommends (mosquitto's default is 20). */
    static final int RECOMMENDED_MAX_INFLIGHT = 100;

    Ward(Path dir, int serialDevices) throws IOException {
        this(dir, serialDevices, RECOMMENDED_MAX_INFLIGHT);
    }

    /** With the TLS broker's max_inflight_messages (its CONNACK's Receive Maximum); 0: mosquitto's default. */
    Ward(Path dir, int serialDevices, int brokerMaxInflight) throws IOException {
        this.dir = Files.createDirectories(dir);
        if (!Brokers.mosquittoInstalled()) {
            throw new IllegalStateException("the whole-gateway benchmark needs Debian's mosquitto at "
                    + Brokers.MOSQUITTO + " (apt-get install -y mosquitto)");
        }
        ca = TestPki.create("WardGate benchmark CA (benchmark only)");
        broker = new MosquittoBroker(BrokerSetup.of(dir.resolve("broker"), ca).withMaxInflight(brokerMaxInflight));
        broker.start();
        plain = new PlainBroker(dir.resolve("plain-broker"), FreePort.pick());
        Path pki = Files.createDirectories(dir.resolve("pki"));
        caPem = ca.writeCaPem(pki.resolve("ca.pem"));
        backend = ca.client("backend-receiver");
        receiverPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
        receiverP12 = backend.writePkcs12(pki.resolve("receiver.p12"), receiverPassword);
        List<SerialDevice> probed = new ArrayList<>();
        for (int i = 0; i < serialDevices; i++) {
            probed.add(SerialDevice.probe(SerialDevice.WARD.get(i)));
        }
        serial = List.copyOf(probed);
    }

    /** Numbers the steps, so every step has a directory of its own. */
    int nextStep() {
        return ++steps;
    }

    /** Plugs the serial simulators in for one step. */
    List<SimulatorRunner> plugSerial(Path dev) throws IOException {
        Files.createDirectories(dev);
        List<SimulatorRunner> runners = new ArrayList<>();
        for (SerialDevice device : serial) {
            runners.add(SimulatorRunner.plugged(SerialDevice.simulator(device.protocol(), device.seed()),
                    dev.resolve(device.bed())));
        }
        return runners;
    }

    /** The gateway's first start, done ahead: its key is made in its own directory and never leaves it. */
    void enroll(Path data) throws IOException {
        IdentityAdmin store = Identities.open(data.resolve("identity"), GATEWAY_ID, new SecureRandom(),
                Clock.systemUTC());
        store.installTrustAnchors(List.of(ca.caCertificate()));
        store.installCertificateChain(ca.signRequest(store.certificateSigningRequest(), GATEWAY_ID));
        store.installBackendKey(BACKEND_KEY_ID, backend.certificate());
    }

    /** Configuration shared by both modes: audit, allowlist, serial ports, load source. */
    void configureCommon(Path conf, Path dev, Path stats, int devices, int rate, int seconds, int tickMillis,
            int alarmEveryMillis) throws IOException {
        Files.createDirectories(conf);
        write(conf, "io.wardgate.audit.AuditTrail.config",
                "gatewayId=\"" + GATEWAY_ID + "\"\nlocation=\"" + SITE + "/" + WARD + "\"\n");
        write(conf, "io.wardgate.policy.Allowlist.config", "allowlist=\"" + escape(allowlist(dev, devices)) + "\"\n");
        for (SerialDevice device : serial) {
            write(conf, "io.wardgate.serial.Port-" + device.bed() + ".config",
                    "path=\"" + dev.resolve(device.bed()) + "\"\nprotocol=\"" + device.protocol() + "\"\nbaudRate=I\""
                            + device.baudRate() + "\"\nsite=\"" + SITE + "\"\nward=\"" + WARD + "\"\nbed=\""
                            + device.bed() + "\"\n");
        }
        write(conf, "io.wardgate.bench.LoadSource.config", "devices=I\"" + devices + "\"\nreadingsPerSecond=I\""
                + rate + "\"\ndurationSeconds=I\"" + seconds + "\"\ntickMillis=I\"" + tickMillis + "\"\nstatsFile=\""
                + stats + "\"\nsite=\"" + SITE + "\"\nward=\"" + WARD + "\"\nalarmEveryMillis=I\"" + alarmEveryMillis + "\"\n");
    }

    /**
     * The product's pipeline: sealing (window 0: the product's default, adaptive batching; else the old fixed
     * window of that many ms), SQLite outbox, MQTT over mutual TLS.
     */
    void configureSecured(Path conf, int windowMillis, int idlePollMillis) throws IOException {
        configureSecured(conf, windowMillis, idlePollMillis, 0);
    }

    /** As above, with the outbox's capacity in MiB (0: the product default). */
    void configureSecured(Path conf, int windowMillis, int idlePollMillis, int outboxMiB) throws IOException {
        if (outboxMiB > 0) {
            write(conf, "io.wardgate.outbox.Outbox.config", "capacityBytes=L\"" + ((long) outboxMiB << 20) + "\"\n");
        }
        write(conf, "io.wardgate.seal.Identity.config", "gatewayId=\"" + GATEWAY_ID + "\"\n");
        write(conf, "io.wardgate.seal.Sealer.config", "backendKeyId=\"" + BACKEND_KEY_ID + "\"\n"
                + (windowMillis > 0 ? "batchAdaptive=B\"false\"\nbatchMaxMillis=L\"" + windowMillis + "\"\n" : ""));
        write(conf, "io.wardgate.uplink.Uplink.config", "brokerUrls=[\"" + broker.url() + "\"]\nsite=\"" + SITE
                + "\"\nward=\"" + WARD + "\"\ntrustAnchorsPath=\"" + caPem + "\"\nclockWaitMinutes=I\"0\"\n" // latency, not NTP
                + (idlePollMillis > 0 ? "idlePollMillis=I\"" + idlePollMillis + "\"\n" : ""));
    }

    /**
     * The baseline: the benchmark's plain publisher stands in for seal + outbox + uplink, and the policy's
     * sealer reference is pointed at it (DS "sealer.target"), so nothing goes the secured way.
     */
    void configureBaseline(Path conf) throws IOException {
        write(conf, "io.wardgate.bench.PlainPublisher.config", "brokerUrl=\"" + plain.url() + "\"\n");
        Path allowlist = conf.resolve("io.wardgate.policy.Allowlist.config");
        Files.writeString(allowlist, Files.readString(allowlist) + "sealer.target=\"(wardgate.bench=baseline)\"\n");
    }

    /** One device group for the ward; the serial devices and the load devices approved by the installer. */
    String allowlist(Path dev, int devices) {
        TreeSet<Integer> metrics = new TreeSet<>(List.of(131330, 150452, 147842, 150456, 149530, 151562));
        serial.forEach(d -> metrics.addAll(d.metrics()));
        List<String> entries = new ArrayList<>();
        for (SerialDevice d : serial) {
            entries.add(entry("serial", dev.resolve(d.bed()).toString(), d.model(), d.serialNumber()));
        }
        for (int i = 1; i <= devices; i++) {
            String address = String.format("bench-%03d", i);
            entries.add(entry("local", address, "WG-BENCH", address.toUpperCase()));
        }
        return "{\"format\":\"wardgate-allowlist/1\",\"groups\":[{\"name\":\"" + GROUP + "\",\"metrics\":["
                + metrics.stream().map(String::valueOf).collect(Collectors.joining(","))
                + "],\"maxReadingsPerSecond\":100000,\"burst\":1000000,\"bondingRequired\":false,"
                + "\"topicSuffix\":\"vitals\",\"backendKeyId\":\"" + BACKEND_KEY_ID + "\",\"priority\":5}],\"devices\":["
                + String.join(",", entries) + "],\"denied\":[]}";
    }

    private static String entry(String transport, String address, String model, String serialNumber) {
        return "{\"group\":\"" + GROUP + "\",\"transport\":\"" + transport + "\",\"address\":\"" + address
                + "\",\"model\":\"" + model + "\",\"serialNumber\":\"" + serialNumber
                + "\",\"approvedBy\":\"user:bench-installer\"}";
    }

    private static String escape(String json) {
        return json.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        broker.close();
        plain.close();
    }
}
