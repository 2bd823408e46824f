package io.wardgate.check.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the kernel's socket tables (/proc/net/tcp, tcp6, udp, udp6) and a process's socket inodes
 * (/proc/PID/fd/* -> "socket:[inode]"). Malformed lines are skipped; at most 65536 lines per table.
 */
final class ProcNet {
    private static final int MAX_LINES = 65_536;
    private static final String TCP_LISTEN = "0A";
    /** An unconnected UDP socket shows as TCP_CLOSE (07); a bound one listens. */
    private static final String UDP_UNCONNECTED = "07";
    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");

    /** A listening socket: protocol "tcp" or "udp", local address as hex, port, inode. */
    record Listener(String protocol, String address, int port, long inode) {
        String describe() {
            return protocol + "/" + port + " on " + address;
        }
    }

    private ProcNet() {
    }

    static List<Listener> listeners(Path netDir) {
        List<Listener> all = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            String protocol = table.startsWith("tcp") ? "tcp" : "udp";
            all.addAll(parse(netDir.resolve(table), protocol, protocol.equals("tcp") ? TCP_LISTEN : UDP_UNCONNECTED));
        }
        return all;
    }

    static List<Listener> parse(Path table, String protocol, String listenState) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return List.of();
        }
        List<Listener> found = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), Math.min(lines.size(), MAX_LINES))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[3].equals(listenState)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            try {
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                long inode = Long.parseLong(f[9]);
                found.add(new Listener(protocol, address(f[1].substring(0, colon)), port, inode));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                // skipped: not a socket line
            }
        }
        return found;
    }

    /** The socket inodes a process holds open. */
    static Set<Long> socketInodes(Path procPid) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(procPid.resolve("fd"))) {
            int n = 0;
            for (Path fd : fds) {
                if (++n > MAX_LINES) {
                    break;
                }
                try {
                    Matcher m = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(Long.parseLong(m.group(1)));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // the descriptor closed meanwhile
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return inodes;
    }

    /** Kernel hex (little-endian words) to a readable address; "0.0.0.0", "::", "127.0.0.1"... */
    static String address(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xFF) + "." + (v >> 8 & 0xFF) + "." + (v >> 16 & 0xFF) + "." + (v >> 24 & 0xFF);
        }
        // IPv6: four 32-bit words, each in host (little-endian) order.
        byte[] bytes = new byte[16];
        for (int word = 0; word < 4; word++) {
            long v = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] = (byte) (v >> (8 * b));
            }
        }
        try {
            // An IPv4-mapped address comes back as the IPv4 address it maps.
            return java.net.InetAddress.getByAddress(bytes).getHostAddress().replaceAll("(^|:)0(:0)+(:|$)", "::");
        } catch (java.net.UnknownHostException e) {
            return hex;
        }
    }
}
