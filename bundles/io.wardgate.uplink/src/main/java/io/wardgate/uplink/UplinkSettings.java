package io.wardgate.uplink;

import io.wardgate.api.DataDirectory;
import io.wardgate.shared.tls.RevocationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The uplink's settings as checked values (the typed form of {@link UplinkConfiguration}).
 *
 * @param brokers the ordered failover list
 * @param site topic level
 * @param ward topic level
 * @param clientId the MQTT client id, or empty for the gateway id
 * @param trustAnchors PEM file of the CA certificates trusted for brokers
 * @param revocation how the broker's certificates are checked for revocation (on unless opted out)
 * @param allowTls12 also offer TLS 1.2 (ECDHE + AEAD suites only)
 * @param probeInterval how often a broker that refused TCP is probed while the uplink waits to reconnect
 *     (zero: no probes, the backoff alone decides)
 * @param primaryCheck how often an uplink on a later broker of the list looks whether an earlier one is back
 */
public record UplinkSettings(List<BrokerEndpoint> brokers, String site, String ward, String clientId, Path trustAnchors,
        RevocationSettings revocation, boolean allowTls12, Duration keepAlive, Duration connectTimeout, int inFlightWindow,
        Duration backoffMin, Duration backoffMax, Duration idlePoll, Duration probeInterval, Duration primaryCheck) {
    /**
     * The bound on the in-flight window. The broker's Receive Maximum decides below it: the window is what
     * drains a backlog (one round trip per window), and a broker states what it lets a client have in flight.
     */
    public static final int DEFAULT_WINDOW = 100;
    private static final Pattern LEVEL = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{0,64}");

    public UplinkSettings {
        brokers = List.copyOf(brokers);
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("at least one broker URL (ssl://host:port) is required");
        }
        requireLevel(site, "site");
        requireLevel(ward, "ward");
        Objects.requireNonNull(clientId, "clientId");
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("client id must be up to 64 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(revocation, "revocation");
        require(keepAlive, Duration.ofSeconds(5), Duration.ofHours(1), "keep-alive");
        require(connectTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5), "connect timeout");
        if (inFlightWindow < 1 || inFlightWindow > 1000) {
            throw new IllegalArgumentException("in-flight window must be 1..1000, not " + inFlightWindow);
        }
        require(backoffMin, Duration.ofMillis(10), Duration.ofMinutes(10), "backoff minimum");
        require(backoffMax, backoffMin, Duration.ofHours(1), "backoff maximum");
        require(idlePoll, Duration.ofMillis(10), Duration.ofSeconds(5), "idle poll");
        if (!Objects.requireNonNull(probeInterval, "probe interval").isZero()) {
            require(probeInterval, Duration.ofMillis(100), Duration.ofMinutes(1), "reconnect probe interval");
        }
        require(primaryCheck, Duration.ofSeconds(1), Duration.ofHours(1), "primary broker check interval");
    }

    /** Checks a configuration; the message of the exception says what is wrong (never a secret: there is none). */
    public static UplinkSettings from(UplinkConfiguration config) {
        return from(config, null);
    }

    /** As {@link #from(UplinkConfiguration)}, with relative paths resolved against the data directory. */
    public static UplinkSettings from(UplinkConfiguration config, String dataDirectory) {
        String[] urls = config.brokerUrls() == null ? new String[0] : config.brokerUrls();
        List<BrokerEndpoint> brokers = java.util.Arrays.stream(urls).map(BrokerEndpoint::parse).toList();
        if (config.trustAnchorsPath() == null || config.trustAnchorsPath().isBlank()) {
            throw new IllegalArgumentException("trustAnchorsPath is required: the system trust store is never used");
        }
        List<Path> crlFiles = config.crlPath() == null || config.crlPath().isBlank() ? List.of()
                : List.of(Path.of(config.crlPath()));
        RevocationSettings revocation = !config.revocationCheck() ? RevocationSettings.off()
                : RevocationSettings.defaults(DataDirectory.resolve(dataDirectory, config.crlCachePath()))
                        .withGrace(Duration.ofHours(config.revocationGraceHours())).withCrlFiles(crlFiles);
        return new UplinkSettings(brokers, config.site(), config.ward(), config.clientId(),
                Path.of(config.trustAnchorsPath()), revocation, config.allowTls12(),
                Duration.ofSeconds(config.keepAliveSeconds()), Duration.ofSeconds(config.connectTimeoutSeconds()),
                config.inFlightWindow(), Duration.ofMillis(config.backoffMinMillis()),
                Duration.ofMillis(config.backoffMaxMillis()), Duration.ofMillis(config.idlePollMillis()),
                Duration.ofMillis(config.reconnectProbeMillis()), Duration.ofSeconds(config.primaryCheckSeconds()));
    }

    /** Test and demo defaults around the given brokers and trust anchors (production values otherwise). */
    public static UplinkSettings of(List<BrokerEndpoint> brokers, String site, String ward, Path trustAnchors) {
        RevocationSettings revocation = RevocationSettings.defaults(
                trustAnchors.toAbsolutePath().resolveSibling("crl-cache"));
        return new UplinkSettings(brokers, site, ward, "", trustAnchors, revocation, false, Duration.ofSeconds(30),
                Duration.ofSeconds(10), DEFAULT_WINDOW, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMillis(20),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public UplinkSettings withCrl(Path file) {
        return withRevocation(revocation.withCrlFiles(List.of(file)));
    }

    public UplinkSettings withRevocation(RevocationSettings newRevocation) {
        return new UplinkSettings(brokers, site, ward, clientId, trustAnchors, newRevocation, allowTls12, keepAlive,
                connectTimeout, inFlightWindow, backoffMin, backoffMax, idlePoll, probeInterval, primaryCheck);
    }

    public UplinkSettings withTls12(boolean allow) {
        return new UplinkSettings(brokers, site, ward, clientId, trustAnchors, revocation, allow, keepAlive, connectTimeout,
                inFlightWindow, backoffMin, backoffMax, idlePoll, probeInterval, primaryCheck);
    }

    public UplinkSettings withWindow(int window) {
        return new UplinkSettings(brokers, site, ward, clientId, trustAnchors, revocation, allowTls12, keepAlive, connectTimeout,
                window, backoffMin, backoffMax, idlePoll, probeInterval, primaryCheck);
    }

    public UplinkSettings withTiming(Duration newKeepAlive, Duration newBackoffMin, Duration newBackoffMax) {
        return new UplinkSettings(brokers, site, ward, clientId, trustAnchors, revocation, allowTls12, newKeepAlive,
                connectTimeout, inFlightWindow, newBackoffMin, newBackoffMax, idlePoll, probeInterval, primaryCheck);
    }

    /** The recovery timing: probe interval (zero: off) and how often a later broker looks for an earlier one. */
    public UplinkSettings withRecovery(Duration newProbeInterval, Duration newPrimaryCheck) {
        return new UplinkSettings(brokers, site, ward, clientId, trustAnchors, revocation, allowTls12, keepAlive,
                connectTimeout, inFlightWindow, backoffMin, backoffMax, idlePoll, newProbeInterval, newPrimaryCheck);
    }

    private static void requireLevel(String value, String name) {
        if (value == null || !LEVEL.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    private static void require(Duration value, Duration min, Duration max, String name) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", not " + value);
        }
    }
}
