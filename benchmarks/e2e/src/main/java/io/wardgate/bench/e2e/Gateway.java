package io.wardgate.bench.e2e;

import io.wardgate.testkit.ShippedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The exported appliance (distrib/appliance/target/wardgate.jar) as its own process, started the way
 * the demo starts it, with the benchmark's load-source bundle dropped into its FileInstall directory
 * (the filter is widened to jars for this launch only). CPU and memory come from /proc/PID.
 */
final class Gateway implements AutoCloseable {
    /** Clock ticks per second of /proc/PID/stat (USER_HZ: 100 on Linux for x86 and arm). */
    static final long USER_HZ = 100;

    private final Process process;
    private final Path log;
    final long startedMicros;

    private Gateway(Process process, Path log, long startedMicros) {
        this.process = process;
        this.log = log;
        this.startedMicros = startedMicros;
    }

    static Gateway start(Path top, Path jar, Path dir, Path data, Path conf, List<String> jvm, Path jfr)
            throws IOException {
        Files.createDirectories(data.resolve("tmp"));
        Path loadJar = top.resolve("benchmarks/load-source/target/io.wardgate.bench.load-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(loadJar)) {
            throw new IllegalStateException("build first: " + loadJar + " is missing");
        }
        Files.copy(loadJar, conf.resolve("io.wardgate.bench.load.jar"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(jvm);
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        command.add("-Dfelix.fileinstall.filter=.*\\.(cfg|config|json|jar)");
        command = command(command, jar, data, conf);
        Path log = dir.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        ShippedJvm.environment(builder);
        long started = Collector.nowMicros();
        return new Gateway(builder.start(), log, started);
    }

    /**
     * A warm start's preparation: the appliance once on the same data directory with an empty configuration
     * directory (no uplink, no device, no load), until "WardGate ready", then stopped in order. The framework
     * storage then holds every bundle installed and resolved, as on an installed gateway's restart; the
     * measured start reads its configuration afresh. The log goes to gateway-prime.log.
     */
    static void prime(Path jar, Path dir, Path data, List<String> jvm) throws IOException, InterruptedException {
        Path conf = Files.createDirectories(dir.resolve("conf-prime"));
        Files.createDirectories(data.resolve("tmp"));
        Path log = dir.resolve("gateway-prime.log");
        ProcessBuilder builder = new ProcessBuilder(command(jvm, jar, data, conf)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        ShippedJvm.environment(builder);
        Gateway gateway = new Gateway(builder.start(), log, Collector.nowMicros());
        try {
            if (!Poll.until(() -> gateway.log().contains("WardGate ready") || !gateway.alive(), Duration.ofSeconds(120))
                    || !gateway.alive()) {
                throw new IllegalStateException("the warm start's preparation did not get ready: " + log);
            }
        } finally {
            gateway.close();
        }
    }

    /** The java command line: the JVM options given, then the appliance's directories, as the demo starts it. */
    private static List<String> command(List<String> options, Path jar, Path data, Path conf) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-Dlaunch.storage.dir=" + data.resolve("framework"), "-Dfelix.fileinstall.dir=" + conf,
                "-Dwardgate.data=" + data, "-Djava.io.tmpdir=" + data.resolve("tmp"),
                "-Dorg.sqlite.tmpdir=" + data.resolve("tmp"), "-Dfazecast.jSerialComm.appid=wardgate", "-jar",
                jar.toString()));
        return command;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** utime + stime of the gateway process so far, in clock ticks. */
    long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A line of /proc/PID/status in KiB, e.g. VmRSS or VmHWM; -1 when gone. */
    long statusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL, as a power cut or the OOM killer would end it: no shutdown hook, no orderly stop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
