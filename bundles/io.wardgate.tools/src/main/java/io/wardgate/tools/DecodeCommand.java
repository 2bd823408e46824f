package io.wardgate.tools;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.NetworkEndpoint;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.api.driver.SessionOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * {@code wardgate decode --protocol NAME FILE}: feeds a raw capture of what a device sent through a
 * session of the protocol's driver (serial, a network driver's byte stream such as an MLLP dump, or a
 * datagram protocol's {@link DatagramDump}) and
 * prints every decoded item as one JSON line. Drivers are found
 * with {@link ServiceLoader} (each driver jar's META-INF/services) on the tool's class path. The session's own requests go
 * nowhere. Time is synthetic and advances {@link #BYTE_TIME} per byte (about 9600 baud), so the
 * session's timers see the capture pass at line speed; after the last byte, {@link #FINAL_SILENCE}
 * passes so that a truncated last frame is reported.
 */
final class DecodeCommand implements Command {
    static final Instant CLOCK_START = Instant.parse("2000-01-01T00:00:00Z");
    static final Duration BYTE_TIME = Duration.ofMillis(1);
    /** Bytes per receive call: with BYTE_TIME, a tick every 100 ms of synthetic time. */
    static final int CHUNK = 100;
    static final Duration FINAL_SILENCE = Duration.ofSeconds(1);
    /** An IPv4 or IPv6 address as text (what a Peer takes). */
    private static final java.util.regex.Pattern PEER = java.util.regex.Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    @Override
    public String summary() {
        return "decode a raw capture of what a device sent, as JSON lines";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals("--gatt")) {
            return GattDecode.run(args.subList(1, args.size()), out, err);
        }
        String protocol = null;
        String file = null;
        String peer = "0.0.0.0";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                usage(out);
                return OK;
            } else if (arg.equals("--protocol") && i + 1 < args.size()) {
                protocol = args.get(++i);
            } else if (arg.startsWith("--protocol=")) {
                protocol = arg.substring("--protocol=".length());
            } else if (arg.equals("--peer") && i + 1 < args.size()) {
                peer = args.get(++i);
            } else if (arg.startsWith("--peer=")) {
                peer = arg.substring("--peer=".length());
            } else if (!arg.startsWith("-") && file == null) {
                file = arg;
            } else {
                err.println("wardgate decode: unexpected argument '" + Printable.of(arg) + "'");
                usage(err);
                return USAGE;
            }
        }
        if (protocol == null || file == null) {
            usage(err);
            return USAGE;
        }
        if (!PEER.matcher(peer).matches()) {
            err.println("wardgate decode: --peer takes the sender's IP address, not '" + Printable.of(peer) + "'");
            return USAGE;
        }
        String wanted = protocol;
        String from = peer;
        Optional<ProtocolSession> session = drivers().stream().filter(d -> d.protocol().equals(wanted)).findFirst()
                .map(d -> open(d, from));
        if (session.isEmpty()) {
            err.println("wardgate decode: unknown protocol '" + Printable.of(protocol) + "' (known: "
                    + String.join(", ", drivers().stream().map(DeviceDriver::protocol).toList()) + ")");
            return USAGE;
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            err.println("wardgate decode: not a file name: '" + Printable.of(file) + "'");
            return USAGE;
        }
        boolean datagrams = drivers().stream().filter(d -> d.protocol().equals(wanted)).findFirst()
                .filter(d -> d instanceof NetworkDriver n && n.endpoint().framing() == NetworkEndpoint.Framing.DATAGRAM)
                .isPresent();
        return datagrams ? decodeDatagrams(session.get(), protocol, path, out, err)
                : decode(session.get(), protocol, path, out, err);
    }

    /** A dump of datagrams (see {@link DatagramDump}): one receive call per datagram. */
    private static int decodeDatagrams(ProtocolSession session, String protocol, Path file, PrintStream out,
            PrintStream err) {
        Lines lines = new Lines(out);
        try (InputStream in = Files.newInputStream(file)) {
            DatagramDump.feed(in, session, CLOCK_START, lines);
        } catch (DatagramDump.Truncated e) {
            out.flush();
            err.println("wardgate decode: " + Printable.of(file.toString()) + " is not a whole datagram dump: "
                    + e.getMessage() + " (the datagrams before it are decoded above)");
            return FAILED;
        } catch (IOException e) {
            err.println("wardgate decode: cannot read " + Printable.of(file.toString()) + ": " + reason(e));
            return USAGE;
        } catch (RuntimeException e) {
            err.println("wardgate decode: the " + protocol + " decoder failed: " + e
                    + " (please report this with the capture)");
            return FAILED;
        }
        out.flush();
        return out.checkError() ? FAILED : OK;
    }

    private static int decode(ProtocolSession session, String protocol, Path file, PrintStream out,
            PrintStream err) {
        Lines lines = new Lines(out);
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            session.start(CLOCK_START, lines);
            byte[] chunk = new byte[CHUNK];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                Instant now = CLOCK_START.plus(BYTE_TIME.multipliedBy(offset + n));
                session.receive(chunk, 0, n, now, lines);
                offset += n;
                session.tick(now, lines);
            }
            session.tick(CLOCK_START.plus(BYTE_TIME.multipliedBy(offset)).plus(FINAL_SILENCE), lines);
        } catch (IOException e) {
            err.println("wardgate decode: cannot read " + Printable.of(file.toString()) + ": " + reason(e));
            return USAGE;
        } catch (RuntimeException e) {
            // Sessions never throw on bad input; if one does, that is a bug to report, not a bad capture.
            err.println("wardgate decode: the " + protocol + " decoder failed near byte " + offset + ": " + e
                    + " (please report this with the capture)");
            return FAILED;
        }
        out.flush();
        return out.checkError() ? FAILED : OK;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return Printable.of(String.valueOf(e.getMessage()));
    }

    /**
     * The serial drivers and the network drivers (byte streams, and datagram protocols whose FILE is a
     * {@link DatagramDump}) on the class path, sorted by protocol name.
     */
    static List<DeviceDriver> drivers() {
        return java.util.stream.Stream.concat(
                ServiceLoader.load(SerialDriver.class).stream().map(ServiceLoader.Provider::get),
                ServiceLoader.load(NetworkDriver.class).stream().map(ServiceLoader.Provider::get))
                .map(DeviceDriver.class::cast).sorted(Comparator.comparing(DeviceDriver::protocol)).toList();
    }

    /**
     * A session; a network driver's sees the capture as one connection from {@code peer} (an IntelliVue's
     * connect indication must name the address it came from).
     */
    private static ProtocolSession open(DeviceDriver driver, String peer) {
        return driver instanceof SerialDriver serial ? serial.openSession()
                : ((NetworkDriver) driver).openSession(new Peer(peer, 0));
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: wardgate decode --protocol NAME [--peer ADDRESS] FILE");
        stream.println("       wardgate decode --gatt UUID HEX");
        stream.println("  FILE     raw bytes captured from the device side of the line; for a datagram");
        stream.println("           protocol (UDP) a dump of records: 2-byte big-endian length, payload");
        stream.println("  ADDRESS  network protocols: the sender's IP address (intellivue-lan checks it)");
        stream.println("  NAME     one of the protocols found:");
        for (DeviceDriver driver : drivers()) {
            stream.printf("    %-14s %s%n", driver.protocol(), driver.description());
        }
        GattDecode.listDrivers(stream);
        stream.println("prints one JSON object per decoded item, with its byte offset in FILE");
    }

    /** Prints what the session decodes; drops what it wants sent. */
    static final class Lines implements SessionOutput {
        private final PrintStream out;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void decoded(Decoded item) {
            out.print(DecodedJson.of(item));
            out.print('\n');
        }

        @Override
        public void send(byte[] bytes) {
            // A capture is one direction only: nothing listens.
        }
    }
}
