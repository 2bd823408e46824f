package io.wardgate.network;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's neighbour table: IPv4 from {@code /proc/net/arp}, IPv6 from {@code ip -6 neigh show ADDRESS dev
 * IF} (the kernel has no text file for it). Only complete entries count: an incomplete or failed one has no
 * MAC yet. Reads are bounded; a table that cannot be read gives no MAC, never an exception.
 */
final class KernelNeighbours implements NeighbourTable {
    private static final Logger LOG = LoggerFactory.getLogger(KernelNeighbours.class);
    static final Path ARP = Path.of("/proc/net/arp");
    /** Enough for a few thousand entries; a table beyond it is read only this far. */
    static final int MAX_TABLE_BYTES = 512 * 1024;
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}|[0-9a-f]{2}(:[0-9a-f]{2}){19}");
    private static final Pattern LLADDR = Pattern.compile("\\blladdr\\s+(\\S+)");
    /** ATF_COM in /proc/net/arp's flags: the entry is complete. */
    private static final int COMPLETE = 0x2;

    private final Path arp;

    KernelNeighbours() {
        this(ARP);
    }

    KernelNeighbours(Path arp) {
        this.arp = arp;
    }

    @Override
    public Optional<String> macOf(InetAddress address, String interfaceName) {
        try {
            if (address instanceof Inet4Address) {
                try (InputStream in = Files.newInputStream(arp)) {
                    String table = new String(in.readNBytes(MAX_TABLE_BYTES), StandardCharsets.US_ASCII);
                    return fromArp(table, address.getHostAddress(), interfaceName);
                }
            }
            return fromIpNeigh(ipNeigh(address.getHostAddress(), interfaceName));
        } catch (IOException e) {
            LOG.debug("neighbour table: {}", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The MAC of a complete entry for {@code address} on {@code interfaceName} in /proc/net/arp's text. */
    static Optional<String> fromArp(String table, String address, String interfaceName) {
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            // IP address, HW type, Flags, HW address, Mask, Device
            if (f.length == 6 && f[0].equals(address) && f[5].equals(interfaceName) && complete(f[2])) {
                return mac(f[3]);
            }
        }
        return Optional.empty();
    }

    /** The MAC in one line of {@code ip neigh show} (none for INCOMPLETE and FAILED entries). */
    static Optional<String> fromIpNeigh(String output) {
        Matcher m = LLADDR.matcher(output);
        return m.find() ? mac(m.group(1)) : Optional.empty();
    }

    private static boolean complete(String flags) {
        try {
            return (Integer.decode(flags) & COMPLETE) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> mac(String text) {
        String mac = text.toLowerCase(Locale.ROOT);
        return MAC.matcher(mac).matches() && !mac.replace(":", "").chars().allMatch(c -> c == '0') ? Optional.of(mac)
                : Optional.empty();
    }

    private static String ipNeigh(String address, String interfaceName) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ip", "-6", "neigh", "show", address, "dev", interfaceName))
                .redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                return "";
            }
            return p.exitValue() == 0 ? out : "";
        } finally {
            p.destroy();
        }
    }
}
