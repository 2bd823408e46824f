package io.wardgate.seal.keystore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** One swtpm (TPM 2.0 emulator) on a loopback port (and the next for its control channel), stoppable. */
final class SwtpmProcess {
    private final Path state;
    private final int port;
    private Process process;

    SwtpmProcess(Path state, int port) {
        if (port <= 0 || port >= 65535) {
            throw new IllegalArgumentException("swtpm needs a port and the next one: " + port);
        }
        this.state = state;
        this.port = port;
    }

    String tcti() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    synchronized void start() {
        try {
            process = new ProcessBuilder("swtpm", "socket", "--tpm2", "--server", "type=tcp,port=" + port
                    + ",bindaddr=127.0.0.1", "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
                    "--tpmstate", "dir=" + state, "--flags", "not-need-init,startup-clear")
                    .redirectErrorStream(true).redirectOutput(state.resolveSibling(state.getFileName() + ".log").toFile())
                    .start();
            for (int i = 0; i < 100 && !listening(); i++) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            if (!listening()) {
                throw new IllegalStateException("swtpm did not listen on port " + port + " (is it taken?)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private boolean listening() {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port + 1), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
