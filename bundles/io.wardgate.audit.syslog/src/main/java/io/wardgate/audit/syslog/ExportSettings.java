package io.wardgate.audit.syslog;

import io.wardgate.api.DataDirectory;
import io.wardgate.shared.tls.RevocationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The export's settings as checked values (the typed form of {@link AtnaExportConfig}).
 *
 * @param host collector host name or IP address
 * @param port collector TCP port
 * @param expectedName the name the collector's certificate must carry
 * @param trustAnchors PEM file of the CA certificates trusted for the collector
 * @param revocation how the collector's certificates are checked for revocation (on unless opted out)
 * @param allowTls12 also offer TLS 1.2 (ECDHE + AEAD suites only)
 * @param clientCertificate present the gateway's certificate (mutual TLS)
 * @param format what goes into each message besides the record
 * @param batchRecords records read from the audit trail at a time
 * @param sessionRecords most records per TLS session before it is closed and confirmed
 * @param poll how often an idle export looks for new records
 * @param timeout connect, handshake, stalled write, answer to the close
 * @param cursor the durable cursor file
 */
record ExportSettings(String host, int port, String expectedName, Path trustAnchors, RevocationSettings revocation,
        boolean allowTls12, boolean clientCertificate, FormatSettings format, int batchRecords, int sessionRecords,
        Duration poll, Duration timeout, Duration backoffMin, Duration backoffMax, long alarmBehindRecords,
        Duration alarmAfter, Path cursor) {
    /** Host names, IPv4 and IPv6 literals (without brackets). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");

    ExportSettings {
        requireHost(host, "collector host");
        requireHost(expectedName, "expected collector name");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("collector port must be 1..65535, not " + port);
        }
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(cursor, "cursor");
        requireRange(batchRecords, 1, 10_000, "records per read");
        requireRange(sessionRecords, 1, 100_000, "records per session");
        require(poll, Duration.ofMillis(50), Duration.ofMinutes(1), "poll interval");
        require(timeout, Duration.ofSeconds(1), Duration.ofMinutes(5), "network timeout");
        require(backoffMin, Duration.ofMillis(10), Duration.ofMinutes(10), "backoff minimum");
        require(backoffMax, backoffMin, Duration.ofHours(1), "backoff maximum");
        requireRange(alarmBehindRecords, 1, 100_000_000, "alarm when behind");
        require(alarmAfter, Duration.ofSeconds(1), Duration.ofDays(7), "alarm when unconfirmed");
    }

    /** Checks a configuration; the exception's message says what is wrong (there is no secret in it). */
    static ExportSettings from(AtnaExportConfig config, String dataDirectory, String procId) {
        if (config.collectorHost() == null || config.collectorHost().isBlank()) {
            throw new IllegalArgumentException("collectorHost is required: there is no default collector");
        }
        if (config.trustAnchorsPath() == null || config.trustAnchorsPath().isBlank()) {
            throw new IllegalArgumentException("trustAnchorsPath is required: the system trust store is never used");
        }
        String expected = config.expectedHostName() == null || config.expectedHostName().isBlank()
                ? config.collectorHost() : config.expectedHostName();
        List<Path> crlFiles = config.crlPath() == null || config.crlPath().isBlank() ? List.of()
                : List.of(DataDirectory.resolve(dataDirectory, config.crlPath()));
        RevocationSettings revocation = !config.revocationCheck() ? RevocationSettings.off()
                : RevocationSettings.defaults(DataDirectory.resolve(dataDirectory, config.crlCachePath()))
                        .withGrace(Duration.ofHours(config.revocationGraceHours())).withCrlFiles(crlFiles);
        FormatSettings format = new FormatSettings(config.appName(), config.enterpriseNumber(), procId,
                config.maxMessageBytes());
        return new ExportSettings(config.collectorHost(), config.collectorPort(), expected,
                DataDirectory.resolve(dataDirectory, config.trustAnchorsPath()), revocation, config.allowTls12(),
                config.presentClientCertificate(), format, config.batchRecords(), config.sessionRecords(),
                Duration.ofMillis(config.pollMillis()), Duration.ofSeconds(config.timeoutSeconds()),
                Duration.ofMillis(config.backoffMinMillis()), Duration.ofMillis(config.backoffMaxMillis()),
                config.alarmBehindRecords(), Duration.ofSeconds(config.alarmAfterSeconds()),
                DataDirectory.resolve(dataDirectory, config.cursorPath()));
    }

    /** Settings for tests: the given collector and files, production values otherwise, quick retries. */
    static ExportSettings of(String host, int port, String expectedName, Path trustAnchors, Path cursor) {
        return new ExportSettings(host, port, expectedName, trustAnchors,
                RevocationSettings.defaults(cursor.toAbsolutePath().resolveSibling("crl-cache")), false, true,
                new FormatSettings("wardgate", 32473, "4242", 8192), 200, 2000, Duration.ofMillis(50),
                Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(400), 1000, Duration.ofMinutes(15),
                cursor);
    }

    String collector() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    ExportSettings withSessionRecords(int records) {
        return new ExportSettings(host, port, expectedName, trustAnchors, revocation, allowTls12, clientCertificate, format,
                batchRecords, records, poll, timeout, backoffMin, backoffMax, alarmBehindRecords, alarmAfter, cursor);
    }

    ExportSettings withRevocation(RevocationSettings newRevocation) {
        return new ExportSettings(host, port, expectedName, trustAnchors, newRevocation, allowTls12, clientCertificate,
                format, batchRecords, sessionRecords, poll, timeout, backoffMin, backoffMax, alarmBehindRecords,
                alarmAfter, cursor);
    }

    ExportSettings withAlarms(long behind, Duration after) {
        return new ExportSettings(host, port, expectedName, trustAnchors, revocation, allowTls12, clientCertificate, format,
                batchRecords, sessionRecords, poll, timeout, backoffMin, backoffMax, behind, after, cursor);
    }

    private static void requireHost(String value, String name) {
        if (value == null || !HOST.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a host name or IP address");
        }
    }

    private static void requireRange(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", not " + value);
        }
    }

    private static void require(Duration value, Duration min, Duration max, String name) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", not " + value);
        }
    }
}
