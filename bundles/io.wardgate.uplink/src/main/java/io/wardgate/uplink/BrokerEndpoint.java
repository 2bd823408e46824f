package io.wardgate.uplink;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One broker of the failover list: always TLS. A plaintext URL (tcp://, mqtt://, ws://) is refused
 * with an error that says why; nothing ever falls back to plaintext.
 *
 * @param host the DNS name or IP address the broker's certificate must name
 * @param port the TLS port
 */
public record BrokerEndpoint(String host, int port) {
    public static final int DEFAULT_PORT = 8883;

    public BrokerEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("broker host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port must be 1..65535, not " + port);
        }
    }

    /** Parses "ssl://host:port" (or "mqtts://host:port"; the port defaults to 8883). */
    public static BrokerEndpoint parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("broker URL must not be empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL is not a URL: " + printable(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "ssl", "mqtts" -> {
                // the only accepted schemes
            }
            case "tcp", "mqtt", "ws", "http" -> throw new IllegalArgumentException("plaintext broker URL refused: "
                    + printable(url) + " - WardGate connects to brokers over TLS only (ssl://host:8883)");
            default -> throw new IllegalArgumentException("unsupported broker URL scheme in " + printable(url)
                    + " - use ssl://host:port");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("broker URL must not carry credentials; the gateway authenticates with"
                    + " its client certificate");
        }
        if ((uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
            throw new IllegalArgumentException("broker URL must be ssl://host:port only: " + printable(url));
        }
        String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|\\]$", "");
        return new BrokerEndpoint(host, uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    /** The URL handed to Paho. */
    public String url() {
        return "ssl://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200) + "...";
    }
}
