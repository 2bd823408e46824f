package io.wardgate.bench.e2e;

import io.wardgate.sim.SimulatorRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The soak's door into benchmarks/e2e: the whole-gateway benchmark's ward (CA, mutual-TLS mosquitto,
 * backend keys, serial simulators), its gateway process and its load-source statistics are
 * package-private there, so this class sits in the same package (same class loader at run time)
 * and exposes only what the soak needs. The soak keeps one gateway directory across every kill.
 */
public final class SoakWard implements AutoCloseable {
    private final Ward ward;
    private final Path top;
    private final Path data;
    private final Path conf;
    private final Path dev;
    private final Path stats;
    private final List<SimulatorRunner> sims;

    private SoakWard(Ward ward, Path top, Path dir, List<SimulatorRunner> sims) {
        this.ward = ward;
        this.top = top;
        this.data = dir.resolve("data");
        this.conf = dir.resolve("conf");
        this.dev = dir.resolve("dev");
        this.stats = dir.resolve("load-stats.jsonl");
        this.sims = sims;
    }

    /** A fresh ward in {@code dir}: broker up, gateway enrolled, serial simulators plugged in. */
    public static SoakWard open(Path top, Path dir, int serialDevices) throws IOException {
        Ward ward = new Ward(dir.resolve("ward"), serialDevices);
        Path data = Files.createDirectories(dir.resolve("data"));
        ward.enroll(data);
        return new SoakWard(ward, top, dir, ward.plugSerial(dir.resolve("dev")));
    }

    /** Writes the gateway's configuration (the product pipeline: sealer, SQLite outbox, TLS uplink) and the load. */
    public void configure(int devices, int rate, int seconds, int tickMillis, int windowMillis) throws IOException {
        ward.configureCommon(conf, dev, stats, devices, rate, seconds, tickMillis, 0);
        ward.configureSecured(conf, windowMillis, 0);
    }

    /**
     * Starts the appliance on the ward's data directory; its log goes to {@code logDir}/gateway.log.
     * The framework's bundle cache is cleared first: FileInstall, which adds the benchmark's load
     * bundle, can leave that bundle installed but never started after a SIGKILL (seen in the first
     * trial run). The product's bundles come from the appliance jar at every start, and its durable
     * state (outbox, identity, epoch) lives beside the cache, untouched.
     */
    public Running start(Path jar, Path logDir, List<String> jvm) throws IOException {
        delete(data.resolve("framework"));
        Files.deleteIfExists(conf.resolve("io.wardgate.bench.load.jar"));
        Files.deleteIfExists(stats);
        Files.createDirectories(logDir);
        return new Running(Gateway.start(top, jar, logDir, data, conf, jvm, null), stats);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var tree = Files.walk(dir)) {
                for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Configuration files left empty (0 bytes) in the gateway's FileInstall directory, by name. */
    public List<String> emptyConfigFiles() throws IOException {
        if (!Files.isDirectory(conf)) {
            return List.of();
        }
        try (var files = Files.list(conf)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".config"))
                    .filter(f -> f.toFile().length() == 0).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    public Path data() {
        return data;
    }

    public String brokerUrl() {
        return ward.broker.url();
    }

    public Path caPem() {
        return ward.caPem;
    }

    public Path receiverP12() {
        return ward.receiverP12;
    }

    public char[] receiverPassword() {
        return ward.receiverPassword.clone();
    }

    public PrivateKey backendKey() {
        return ward.backend.key();
    }

    public String backendKeyId() {
        return Ward.BACKEND_KEY_ID;
    }

    public void stopBroker() {
        ward.broker.stop();
    }

    public void startBroker() {
        ward.broker.start();
    }

    @Override
    public void close() throws IOException {
        for (SimulatorRunner sim : sims) {
            sim.close();
        }
        ward.close();
    }

    /** One run of the gateway process. */
    public static final class Running implements AutoCloseable {
        private final Gateway gateway;
        private final Path stats;

        private Running(Gateway gateway, Path stats) {
            this.gateway = gateway;
            this.stats = stats;
        }

        public long pid() {
            return gateway.pid();
        }

        public boolean alive() {
            return gateway.alive();
        }

        /** When the load source first submitted (epoch ms), or 0 while it has not. */
        public long loadStartedMillis() {
            LoadStats.Line last = LoadStats.last(stats);
            return last == null ? 0 : last.firstSubmit();
        }

        /** The outbox depth in the load source's last stats line (-1: none yet). */
        public long outboxEnvelopes() {
            LoadStats.Line last = LoadStats.last(stats);
            return last == null ? -1 : last.outboxEnvelopes();
        }

        /** True once the load source has submitted its whole duration. */
        public boolean loadDone() {
            LoadStats.Line last = LoadStats.last(stats);
            return last != null && last.done();
        }

        public long generated() {
            LoadStats.Line last = LoadStats.last(stats);
            return last == null ? 0 : last.generated();
        }

        public long rssKib() {
            return gateway.statusKib("VmRSS");
        }

        public String log() {
            return gateway.log();
        }

        /** SIGKILL, then waits for the process to be gone. */
        public void kill() throws Exception {
            ProcessHandle handle = ProcessHandle.of(gateway.pid()).orElse(null);
            if (handle != null) {
                handle.destroyForcibly();
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
        }

        /** SIGTERM (the service manager's stop), then waits. */
        @Override
        public void close() throws InterruptedException {
            gateway.close();
        }
    }
}
