package io.wardgate.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's web console: on, on loopback only, at https://127.0.0.1:8443/ (or a free port when
 * that one is taken); once the gateway has logged its one-time setup code, the demo prints the URL
 * and the code so that the first administrator can be created in the browser.
 */
final class DemoConsole implements AutoCloseable {
    static final int PREFERRED_PORT = 8443;
    static final Pattern SETUP_LINE = Pattern.compile("open (https://\\S+/setup\\.html) and enter the one-time setup code ([A-Z0-9-]+)");

    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-console-watch");
        t.setDaemon(true);
        return t;
    });

    /** Writes the console's configuration; returns the port. */
    static int configure(Path conf) throws IOException {
        int port = free(PREFERRED_PORT) ? PREFERRED_PORT : anyFreePort();
        Files.writeString(conf.resolve("io.wardgate.web.WebConsole.config"),
                "host=\"127.0.0.1\"\nport=I\"" + port + "\"\nsiteName=\"WardGate demo\"\n", StandardCharsets.UTF_8);
        return port;
    }

    /** Reads the gateway log every half second (for at most two minutes) until the setup line appears. */
    void announce(Path gatewayLog, int port, Consumer<String> say) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        watcher.scheduleWithFixedDelay(() -> {
            Optional<String[]> found = setupLine(gatewayLog);
            if (found.isPresent()) {
                say.accept("web console: " + found.get()[0] + " (self-signed certificate: accept it in the browser)");
                say.accept("one-time setup code for the first administrator: " + found.get()[1]);
                watcher.shutdown();
            } else if (System.nanoTime() - deadline > 0) {
                say.accept("web console: https://127.0.0.1:" + port + "/ (no setup code in the gateway log: users exist"
                        + " already, or see " + gatewayLog + ")");
                watcher.shutdown();
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    static Optional<String[]> setupLine(Path log) {
        try {
            if (!Files.exists(log)) {
                return Optional.empty();
            }
            Matcher m = SETUP_LINE.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            return m.find() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFreePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
