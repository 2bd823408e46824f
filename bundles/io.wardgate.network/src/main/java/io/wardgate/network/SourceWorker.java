package io.wardgate.network;

import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.NetworkEndpoint;
import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.ReadingIntake;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source on a thread of its own: waits for its driver, finds the device side, binds there
 * (never a wildcard, never the hospital side), then serves peers with one selector: one session per
 * peer, ticked every {@value #TICK_MILLIS} ms, each peer with its own byte budget and idle timeout.
 */
final class SourceWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceWorker.class);
    static final int TICK_MILLIS = 100;
    /** The most bytes read from one connection per selector round: one busy peer cannot hog a round. */
    static final int READ_SLICE = 16 * 1024;
    static final long DRIVER_WAIT_MILLIS = 5_000;

    final SourceSettings settings;
    final ReadingIntake intake;
    /** Asked by sessions whose protocol answers "accepted" or "refused" (HL7 ACK/NAK); null admits nobody. */
    final DevicePolicy policy;
    final Clock clock;
    final LongSupplier nanos;
    /** Where peers' MAC addresses come from (the kernel's neighbour table in production). */
    final NeighbourTable neighbours;
    private final NetworkDrivers drivers;
    private final DeviceSideResolver resolver;
    final Map<String, PeerLink> peers = new LinkedHashMap<>();
    private volatile boolean running = true;
    private volatile String problem = "";
    private volatile InetSocketAddress bound;
    private Thread thread;
    private Selector selector;

    /** How a source finds its device side; tests give the loopback interface. */
    interface DeviceSideResolver {
        DeviceSide resolve(SourceSettings settings) throws IOException;
    }

    SourceWorker(SourceSettings settings, ReadingIntake intake, NetworkDrivers drivers, DeviceSideResolver resolver,
            Clock clock, LongSupplier nanos) {
        this(settings, intake, null, drivers, resolver, NeighbourTable.NONE, clock, nanos);
    }

    SourceWorker(SourceSettings settings, ReadingIntake intake, DevicePolicy policy, NetworkDrivers drivers,
            DeviceSideResolver resolver, Clock clock, LongSupplier nanos) {
        this(settings, intake, policy, drivers, resolver, NeighbourTable.NONE, clock, nanos);
    }

    SourceWorker(SourceSettings settings, ReadingIntake intake, DevicePolicy policy, NetworkDrivers drivers,
            DeviceSideResolver resolver, NeighbourTable neighbours, Clock clock, LongSupplier nanos) {
        this.neighbours = neighbours;
        this.settings = settings;
        this.intake = intake;
        this.policy = policy;
        this.drivers = drivers;
        this.resolver = resolver;
        this.clock = clock;
        this.nanos = nanos;
    }

    void start() {
        thread = new Thread(this, "wardgate-net-" + settings.protocol());
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        drivers.wake();
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The address bound, once bound (tests connect to it). */
    Optional<InetSocketAddress> bound() {
        return Optional.ofNullable(bound);
    }

    /** Why the source is not serving, empty while it is. */
    String problem() {
        return problem;
    }

    synchronized int peerCount() {
        return peers.size();
    }

    @Override
    public void run() {
        try {
            NetworkDriver driver = awaitDriver();
            if (driver == null) {
                return;
            }
            NetworkEndpoint endpoint = driver.endpoint();
            DeviceSide side = resolver.resolve(settings);
            int port = settings.port() != 0 ? settings.port() : endpoint.port();
            try (Selector sel = Selector.open()) {
                selector = sel;
                Transport transport = open(endpoint, driver, side, port, sel);
                bound = new InetSocketAddress(side.address(), port);
                problem = "";
                LOG.info("{}: serving on {} port {} ({}, {})", settings.protocol(), side.interfaceName(), port,
                        endpoint.transport(), side.address().getHostAddress());
                serve(sel, transport);
                transport.close("source stopped");
            }
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("{}: not serving: {}", settings.protocol(), problem);
        }
    }

    private Transport open(NetworkEndpoint endpoint, NetworkDriver driver, DeviceSide side, int port, Selector sel)
            throws IOException {
        if (endpoint.role() == NetworkEndpoint.Role.CONNECT) {
            throw new IOException("protocol " + settings.protocol() + " connects to its devices; this gateway"
                    + " version only listens (configure the devices to send to the gateway)");
        }
        if (endpoint.transport() == NetworkEndpoint.Transport.UDP && settings.tls().isPresent()) {
            throw new IOException("protocol " + settings.protocol() + " is UDP; TLS is for TCP sources only");
        }
        Transport transport = endpoint.transport() == NetworkEndpoint.Transport.UDP
                ? new UdpTransport(this, driver, endpoint, side) : new TcpTransport(this, driver, side);
        transport.bind(new InetSocketAddress(side.address(), port), sel);
        return transport;
    }

    private NetworkDriver awaitDriver() throws IOException {
        boolean told = false;
        while (running) {
            Optional<NetworkDriver> driver = drivers.find(settings.protocol());
            if (driver.isPresent()) {
                return driver.get();
            }
            if (!told) {
                problem = "no network driver '" + settings.protocol() + "' installed; installed: " + drivers.names();
                LOG.warn("{}: waiting: {}", settings.protocol(), problem);
                told = true;
            }
            try {
                // Woken when a driver is added, or by stop(); the deadline only re-checks running.
                drivers.await(settings.protocol(), DRIVER_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void serve(Selector sel, Transport transport) throws IOException {
        long nextTick = nanos.getAsLong();
        long idleNanos = settings.idleTimeout().toNanos();
        while (running) {
            long wait = Math.max(1, (nextTick - nanos.getAsLong()) / 1_000_000);
            sel.select(wait);
            for (SelectionKey key : sel.selectedKeys()) {
                if (key.isValid()) {
                    transport.ready(key);
                }
            }
            sel.selectedKeys().clear();
            long now = nanos.getAsLong();
            if (now - nextTick >= 0) {
                nextTick = now + Duration.ofMillis(TICK_MILLIS).toNanos();
                transport.tick(clock.instant(), now, idleNanos);
            }
        }
    }

    /** Whether a sender may have a session: on the device-side subnet, and room for one more peer. */
    String refusal(InetAddress sender, DeviceSide side) {
        if (!side.onSubnet(sender)) {
            return "sender " + sender.getHostAddress() + " is not on the device-side subnet";
        }
        synchronized (this) {
            if (peers.size() >= settings.maxPeers()) {
                return "already " + settings.maxPeers() + " peers (maxPeers)";
            }
        }
        return null;
    }

    /** What a transport does on the selector thread. */
    interface Transport {
        void bind(InetSocketAddress address, Selector selector) throws IOException;

        void ready(SelectionKey key) throws IOException;

        void tick(java.time.Instant now, long nowNanos, long idleNanos) throws IOException;

        void close(String reason);
    }
}
