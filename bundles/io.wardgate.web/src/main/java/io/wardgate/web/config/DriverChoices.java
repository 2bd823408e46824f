package io.wardgate.web.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol names of the installed device drivers (their wardgate.protocol service property),
 * as the choices of a form's "protocol" setting: serial drivers for a serial port, network drivers
 * for a network source. Drivers come and go at run time; the choices follow.
 */
public final class DriverChoices {
    /** The attribute that names a driver, in every source form. */
    public static final String PROTOCOL = "protocol";
    static final String SERIAL_PORT_PID = "io.wardgate.serial.Port";
    static final String NETWORK_PREFIX = "io.wardgate.network.";

    /** Which kind of driver a registered service is. */
    public enum Kind {
        SERIAL,
        NETWORK
    }

    private final Map<Object, Map.Entry<Kind, String>> drivers = new ConcurrentHashMap<>();

    /** A driver service appeared; {@code protocol} is its wardgate.protocol property (ignored when absent). */
    public void add(Object service, Kind kind, Object protocol) {
        if (protocol instanceof String name && !name.isBlank()) {
            drivers.put(service, Map.entry(kind, name));
        }
    }

    public void remove(Object service) {
        drivers.remove(service);
    }

    /** The driver names a form's attribute chooses from, sorted; empty when the attribute names no driver. */
    public Optional<List<String>> choices(String formPid, String attributeId) {
        if (!PROTOCOL.equals(attributeId)) {
            return Optional.empty();
        }
        Kind kind = SERIAL_PORT_PID.equals(formPid) ? Kind.SERIAL
                : formPid.startsWith(NETWORK_PREFIX) ? Kind.NETWORK : null;
        if (kind == null) {
            return Optional.empty();
        }
        Set<String> names = new TreeSet<>();
        drivers.values().stream().filter(e -> e.getKey() == kind).forEach(e -> names.add(e.getValue()));
        return Optional.of(List.copyOf(names));
    }
}
