package io.wardgate.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol spoken over a serial line (RS-232, USB serial). io.wardgate.serial opens the port a
 * configuration names, then feeds a fresh session from {@link #openSession()} with every byte it reads
 * for as long as the line stays open; a re-opened line gets a new session.
 */
@ConsumerType
public interface SerialDriver extends DeviceDriver {

    /**
     * The line settings the device speaks by default (or must be set to). A port's own configuration
     * decides how the line is driven; the port logs a warning when it differs from this.
     */
    LineSettings line();

    /** A new session in its initial state, for one connection. Never null. */
    ProtocolSession openSession();
}
