package io.wardgate.network;

import io.wardgate.driver.hl7.sim.Pcd01Monitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Arrays;

/** A simulated PCD-01 monitor on one connection (plain or TLS socket streams), one simulated second per round. */
final class MonitorLink {
    private final Pcd01Monitor monitor;
    private final OutputStream out;
    private final InputStream in;
    private Instant simulated = Instant.now();

    MonitorLink(Pcd01Monitor monitor, OutputStream out, InputStream in) {
        this.monitor = monitor;
        this.out = out;
        this.in = in;
    }

    /** One round: the monitor sends what is due, and reads what came back (the socket has a short timeout). */
    boolean exchange() {
        simulated = simulated.plusSeconds(1);
        try {
            monitor.tick(simulated, bytes -> {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] buffer = new byte[4096];
            try {
                int n = in.read(buffer);
                if (n > 0) {
                    monitor.fromHost(Arrays.copyOf(buffer, n), Instant.now(), bytes -> { });
                }
            } catch (SocketTimeoutException e) {
                // nothing yet
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
