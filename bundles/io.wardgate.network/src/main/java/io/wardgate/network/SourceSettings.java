package io.wardgate.network;

import io.wardgate.api.Location;
import io.wardgate.api.driver.ProtocolNames;
import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A source's configuration, checked. Messages name the attribute and its rule, never the value.
 *
 * @param protocol the network driver's name
 * @param port 0 for the driver's own port, else 1 to 65535
 * @param interfaceName the device-side interface, empty for the site file's device_if
 * @param siteFile the site firewall file naming device_if and hospital_if
 * @param site location tag
 * @param ward location tag
 * @param beds device address to bed
 * @param maxPeers peers at once, 1 to 1024
 * @param maxBytesPerSecond average bytes per second per peer
 * @param maxMessageBytes largest datagram, or most bytes read at once from a connection
 * @param idleTimeout a silent peer is dropped after this
 * @param tls TLS with client certificates on a TCP source (MLLP over TLS); empty for plain TCP and UDP
 */
record SourceSettings(String protocol, int port, String interfaceName, Path siteFile, String site, String ward,
        Map<String, String> beds, int maxPeers, int maxBytesPerSecond, int maxMessageBytes, Duration idleTimeout,
        Optional<TlsSettings> tls) {
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._-]{0,15}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    SourceSettings {
        if (protocol == null || !ProtocolNames.isValid(protocol)) {
            throw new IllegalArgumentException("protocol must be 1 to 32 lower-case letters, digits and '-'");
        }
        between(port, 0, 65_535, "port");
        if (interfaceName == null || !INTERFACE.matcher(interfaceName).matches()) {
            throw new IllegalArgumentException("interfaceName must be at most 15 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(siteFile, "siteFile");
        location(site, ward, "x");
        beds = Map.copyOf(beds);
        beds.forEach((address, bed) -> {
            if (!ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("beds: each entry must be ADDRESS=BED with an IP address");
            }
            location(site, ward, bed);
        });
        between(maxPeers, 1, 1024, "maxPeers");
        between(maxBytesPerSecond, 1024, 10 * 1024 * 1024, "maxBytesPerSecond");
        between(maxMessageBytes, 512, 1024 * 1024, "maxMessageBytes");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.compareTo(Duration.ofSeconds(5)) < 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("idleTimeoutSeconds must be 5 to 3600");
        }
        Objects.requireNonNull(tls, "tls");
    }

    /** A source without TLS. */
    SourceSettings(String protocol, int port, String interfaceName, Path siteFile, String site, String ward,
            Map<String, String> beds, int maxPeers, int maxBytesPerSecond, int maxMessageBytes, Duration idleTimeout) {
        this(protocol, port, interfaceName, siteFile, site, ward, beds, maxPeers, maxBytesPerSecond, maxMessageBytes,
                idleTimeout, Optional.empty());
    }

    /** TLS from the configuration: a key store turns it on, and then the client CAs are required. */
    private static Optional<TlsSettings> tls(SourceConfig config, SecretBox secrets) {
        String keyStore = config.tlsKeyStore() == null ? "" : config.tlsKeyStore().trim();
        String clientCas = config.tlsClientCas() == null ? "" : config.tlsClientCas().trim();
        ClientPins pins = ClientPins.parse(config.tlsClientPins());
        if (keyStore.isEmpty()) {
            if (!clientCas.isEmpty()) {
                throw new IllegalArgumentException("tlsClientCas is set but tlsKeyStore is not: set both for TLS");
            }
            if (!pins.isEmpty()) {
                throw new IllegalArgumentException("tlsClientPins is set but tlsKeyStore is not: pins need TLS");
            }
            return Optional.empty();
        }
        if (clientCas.isEmpty()) {
            throw new IllegalArgumentException("tlsKeyStore needs tlsClientCas: TLS sources require client"
                    + " certificates");
        }
        String password = config.tlsKeyStorePassword() == null ? "" : config.tlsKeyStorePassword();
        if (SecretBox.isSealed(password)) {
            try {
                password = secrets.open(SourceConfig.PID, "tlsKeyStorePassword", password);
            } catch (SecretException e) {
                throw new IllegalArgumentException("tlsKeyStorePassword: the sealed value does not open: "
                        + e.getMessage(), e);
            }
        }
        java.util.List<Path> crls = new java.util.ArrayList<>();
        for (String crl : config.tlsCrlFiles() == null ? new String[0] : config.tlsCrlFiles()) {
            if (!crl.isBlank()) {
                crls.add(Path.of(crl.trim()));
            }
        }
        return Optional.of(new TlsSettings(Path.of(keyStore), password.toCharArray(), Path.of(clientCas),
                config.tlsAllowTls12(), crls, pins));
    }

    /** From a configuration; {@code secrets} opens a key store password that arrives sealed. */
    static SourceSettings from(SourceConfig config, SecretBox secrets) {
        Map<String, String> beds = new TreeMap<>();
        for (String entry : config.beds() == null ? new String[0] : config.beds()) {
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("beds: each entry must be ADDRESS=BED");
            }
            beds.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return new SourceSettings(config.protocol(), config.port(),
                config.interfaceName() == null ? "" : config.interfaceName().trim(), Path.of(config.siteFile()),
                config.site(), config.ward(), beds, config.maxPeers(), config.maxBytesPerSecond(),
                config.maxMessageBytes(), Duration.ofSeconds(config.idleTimeoutSeconds()), tls(config, secrets));
    }

    /** Where the device at {@code address} stands: its configured bed, else net-ADDRESS. */
    Location locationOf(String address) {
        String bed = beds.get(address);
        return new Location(site, ward, bed != null ? bed : "net-" + address.replace(':', '-').replace('%', '-'));
    }

    private static Location location(String site, String ward, String bed) {
        try {
            return new Location(site, ward, bed);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("site, ward and each bed must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    private static void between(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max);
        }
    }
}
