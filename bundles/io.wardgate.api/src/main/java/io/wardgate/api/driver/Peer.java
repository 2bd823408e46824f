package io.wardgate.api.driver;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The remote end of one network session, as the transport saw it (a session may use it in events;
 * it never opens sockets itself).
 *
 * @param address the peer's IP address in text form, e.g. "192.0.2.17" or "2001:db8::17", at most 64 chars
 * @param port the peer's port, 0 to 65535 (0 when unknown)
 */
public record Peer(String address, int port) {
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:%a-zA-Z]{1,64}");

    public Peer {
        Objects.requireNonNull(address, "address");
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("address must be an IP address in text form, at most 64 characters");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535");
        }
    }
}
