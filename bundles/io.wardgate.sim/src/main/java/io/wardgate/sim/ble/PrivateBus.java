package io.wardgate.sim.ble;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.bin.EmbeddedDBusDaemon;

/**
 * A private D-Bus bus for the simulated ward and the tests, on a unix socket in a directory of the
 * caller's. Either the system's own daemon (/usr/bin/dbus-daemon with a bus configuration of ours that
 * lets any local client own names, like a session bus), or dbus-java's pure-Java embedded daemon.
 */
public final class PrivateBus implements AutoCloseable {
    public static final Path DBUS_DAEMON = Path.of("/usr/bin/dbus-daemon");

    private final String address;
    private final Process process;
    private final EmbeddedDBusDaemon embedded;

    private PrivateBus(String address, Process process, EmbeddedDBusDaemon embedded) {
        this.address = address;
        this.process = process;
        this.embedded = embedded;
    }

    /** /usr/bin/dbus-daemon listening on {@code dir}/bus. */
    public static PrivateBus dbusDaemon(Path dir) throws IOException {
        if (!Files.isExecutable(DBUS_DAEMON)) {
            throw new IOException(DBUS_DAEMON + " is not installed (Debian package dbus-daemon)");
        }
        Path socket = dir.resolve("bus");
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(socket));
        Process process = new ProcessBuilder(DBUS_DAEMON.toString(), "--config-file=" + config, "--nofork",
                "--nopidfile", "--print-address=1").redirectError(dir.resolve("bus.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String printed = out.readLine(); // the daemon prints its address once it listens
        if (printed == null || !printed.startsWith("unix:")) {
            process.destroyForcibly();
            throw new IOException("dbus-daemon did not start (printed " + printed + "); see " + dir.resolve("bus.log"));
        }
        return new PrivateBus("unix:path=" + socket, process, null);
    }

    /** dbus-java's embedded daemon listening on {@code dir}/bus: no external program needed. */
    public static PrivateBus embedded(Path dir) {
        Path socket = dir.resolve("bus");
        EmbeddedDBusDaemon daemon = new EmbeddedDBusDaemon("unix:path=" + socket + ",listen=true");
        daemon.startInBackgroundAndWait(10_000);
        return new PrivateBus("unix:path=" + socket, null, daemon);
    }

    /** The system's dbus-daemon when installed, otherwise the embedded one. */
    public static PrivateBus start(Path dir) throws IOException {
        return Files.isExecutable(DBUS_DAEMON) ? dbusDaemon(dir) : embedded(dir);
    }

    /** The address clients connect to, e.g. "unix:path=/tmp/x/bus". */
    public String address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
