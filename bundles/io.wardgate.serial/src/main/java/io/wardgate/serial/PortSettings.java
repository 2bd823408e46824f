package io.wardgate.serial;

import io.wardgate.api.Location;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.ProtocolNames;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A port's configuration, checked: the typed options in front of the configuration map. Messages name
 * the attribute and its rule, never the configured value.
 *
 * @param path absolute path of the serial device (or a stable udev name)
 * @param line how the line is driven
 * @param protocol the name of the protocol's driver (installed or not: the port waits for it)
 * @param expectedModel empty to learn
 * @param expectedSerialNumber empty to learn
 * @param location where the device stands
 * @param silenceTimeout 1 s to 1 h
 * @param reconnectMin first retry delay, 10 ms to 60 s
 * @param reconnectMax longest retry delay, reconnectMin to 1 h
 */
record PortSettings(String path, LineSettings line, String protocol, String expectedModel, String expectedSerialNumber,
        Location location, Duration silenceTimeout, Duration reconnectMin, Duration reconnectMax) {

    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._\\-:+@=,/]{1,127}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]{0,64}");

    PortSettings {
        required(path, "path");
        if (!PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException(
                    "path must be an absolute path of at most 128 letters, digits and ._-:+@=,/ without '..'");
        }
        required(line, "line");
        required(protocol, "protocol");
        if (!ProtocolNames.isValid(protocol)) {
            throw new IllegalArgumentException("protocol must be 1 to 32 lower-case letters, digits and '-'");
        }
        expectedModel = printable(expectedModel, "expectedModel");
        expectedSerialNumber = printable(expectedSerialNumber, "expectedSerialNumber");
        required(location, "location");
        requireBetween(silenceTimeout, Duration.ofSeconds(1), Duration.ofHours(1), "silenceTimeoutSeconds");
        requireBetween(reconnectMin, Duration.ofMillis(10), Duration.ofSeconds(60), "reconnectMinMillis");
        requireBetween(reconnectMax, reconnectMin, Duration.ofHours(1), "reconnectMaxMillis");
    }

    /** The configuration checked; a bad or missing value is an IllegalArgumentException naming the attribute. */
    static PortSettings from(PortConfig config) {
        LineSettings line = new LineSettings(config.baudRate(), config.dataBits(),
                required(config.parity(), "parity"), required(config.stopBits(), "stopBits"),
                required(config.flowControl(), "flowControl"));
        return new PortSettings(config.path(), line, config.protocol(), config.expectedModel(),
                config.expectedSerialNumber(), location(config.site(), config.ward(), config.bed()),
                Duration.ofSeconds(config.silenceTimeoutSeconds()), Duration.ofMillis(config.reconnectMinMillis()),
                Duration.ofMillis(config.reconnectMaxMillis()));
    }

    /** A copy with another path (tests, and ports renamed by udev). */
    PortSettings withPath(String newPath) {
        return new PortSettings(newPath, line, protocol, expectedModel, expectedSerialNumber, location, silenceTimeout,
                reconnectMin, reconnectMax);
    }

    private static Location location(String site, String ward, String bed) {
        try {
            return new Location(site, ward, bed);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("site, ward and bed must each be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    private static String printable(String value, String name) {
        String text = value == null ? "" : value;
        if (!PRINTABLE.matcher(text).matches()) {
            throw new IllegalArgumentException(name + " must be at most 64 printable ASCII characters");
        }
        return text;
    }

    /** A missing value is a configuration error like any other, not a NullPointerException. */
    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static void requireBetween(Duration value, Duration min, Duration max, String name) {
        required(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
    }
}
