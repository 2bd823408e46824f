package io.wardgate.apptest;

import static org.awaitility.Awaitility.await;

import io.wardgate.testkit.ShippedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The exported appliance jar running as a real process, as an operator starts it. */
final class ApplianceProcess implements AutoCloseable {
    static final String READY = "WardGate ready";

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ApplianceProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "appliance-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ApplianceProcess start(Path data, Path conf) throws IOException {
        return start(data, conf, Path.of(System.getProperty("wardgate.jar")));
    }

    /** {@code jar} instead of the build's wardgate.jar (another release of it). */
    static ApplianceProcess start(Path data, Path conf, Path jar) throws IOException {
        return start(data, conf, jar, List.of());
    }

    /** With JVM options added after the operator's (a class-load log, say). */
    static ApplianceProcess start(Path data, Path conf, Path jar, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the appliance jar is missing (build distrib/appliance first): " + jar);
        }
        Files.createDirectories(data.resolve("tmp"));
        Files.createDirectories(conf);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // as an installed gateway runs: the unit's JVM options (its 40 MiB heap included) and the build's archive
        Path top = Path.of(System.getProperty("wardgate.top")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ShippedJvm.forJar(top, jar.toAbsolutePath().normalize()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlaunch.storage.dir=" + data.resolve("framework"),
                "-Dfelix.fileinstall.dir=" + conf,
                "-Dwardgate.data=" + data,
                "-Djava.io.tmpdir=" + data.resolve("tmp"),
                "-jar", jar.toAbsolutePath().normalize().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        ShippedJvm.environment(builder);
        builder.redirectErrorStream(true);
        return new ApplianceProcess(builder.start());
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException closed) {
            // the process ended
        }
    }

    void awaitReady(Duration deadline) {
        await().atMost(deadline).until(() -> !process.isAlive() || output.stream().anyMatch(l -> l.contains(READY)));
        if (!process.isAlive()) {
            throw new IllegalStateException("the appliance exited with " + process.exitValue() + ":\n" + output());
        }
    }

    String output() {
        return String.join("\n", output);
    }

    long pid() {
        return process.pid();
    }

    /** TCP and UDP sockets the process listens on, as "tcp 127.0.0.1:8443" style strings. */
    List<String> listeningSockets() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // an fd closed while listing
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path file = Path.of("/proc", Long.toString(pid()), "net", table);
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                boolean listens = table.startsWith("tcp") ? f[3].equals("0A") : f[3].equals("07");
                if (listens && inodes.contains(f[9])) {
                    listening.add(table + " " + f[1]);
                }
            }
        }
        return listening;
    }

    /** SIGTERM, as systemd stops the service; returns the exit code. */
    int stop(Duration deadline) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the appliance did not stop within " + deadline);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
