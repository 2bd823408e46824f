package io.wardgate.driver.intellivue.sim;

import io.wardgate.driver.intellivue.LanIds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs a {@link LanMonitor} on real UDP sockets (tests and the demo; never in the appliance): its Data
 * Export socket on ADDRESS:24105, connect indications sent from it to {@code announceTo} (the gateway's
 * connect-indication port, or the subnet's broadcast address: loopback has none), answers to whoever
 * polled it. One thread of its own, every 10 ms.
 */
public final class LanMonitorRunner implements AutoCloseable {
    private final LanMonitor monitor;
    private final String address;
    private final DatagramChannel channel;
    private final InetSocketAddress gateway;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SocketAddress host;
    private volatile IOException failure;

    /** Binds ADDRESS:24105 and starts; the MAC is 00:09:FB:00:00 and the address's last byte. */
    public LanMonitorRunner(String address, String serialNumber, InetSocketAddress announceTo) throws IOException {
        byte[] ip = InetAddress.getByName(address).getAddress();
        this.address = address;
        this.monitor = new LanMonitor(MonitorSettings.mp70(serialNumber, ip[3]), ip,
                new byte[] {0x00, 0x09, (byte) 0xFB, 0x00, 0x00, ip[3]});
        this.gateway = announceTo;
        this.channel = DatagramChannel.open();
        channel.setOption(java.net.StandardSocketOptions.SO_BROADCAST, true); // connect indications are broadcast
        channel.bind(new InetSocketAddress(address, LanIds.PROTOCOL_PORT));
        channel.configureBlocking(false);
        this.thread = new Thread(this::run, "simulated-intellivue-" + address);
        thread.setDaemon(true);
        thread.start();
    }

    public LanMonitor monitor() {
        return monitor;
    }

    public String address() {
        return address;
    }

    /** Sends raw bytes to the announcement address from the monitor's socket. */
    public void sendRaw(byte[] bytes) throws IOException {
        channel.send(ByteBuffer.wrap(bytes), gateway);
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(70_000);
        try {
            while (running) {
                Instant now = Instant.now();
                var indication = monitor.connectIndicationDue(now);
                if (indication.isPresent()) {
                    sendRaw(indication.get());
                }
                buffer.clear();
                SocketAddress from;
                while ((from = channel.receive(buffer)) != null) {
                    host = from;
                    byte[] datagram = new byte[buffer.position()];
                    buffer.flip().get(datagram);
                    monitor.fromHost(datagram, now, this::toHost);
                    buffer.clear();
                }
                monitor.tick(now, this::toHost);
                Thread.sleep(10);
            }
        } catch (IOException e) {
            if (running) {
                failure = e; // a driver bundle logs nothing itself: the runner's owner asks failure()
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the monitor stopped on its own (its socket failed), if it did. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    private void toHost(byte[] datagram) {
        SocketAddress to = host;
        if (to != null) {
            try {
                channel.send(ByteBuffer.wrap(datagram), to);
            } catch (IOException e) {
                // the test sees the missing data
            }
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(2_000);
        channel.close();
    }
}
