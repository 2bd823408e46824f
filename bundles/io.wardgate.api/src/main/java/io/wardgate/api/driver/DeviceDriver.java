package io.wardgate.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every device driver says about itself. A driver is registered as a service under its own
 * interface ({@link SerialDriver}, {@link NetworkDriver} or {@link GattDriver}) with the service
 * property {@value #PROTOCOL} equal to {@link #protocol()}; transports select drivers by that property.
 */
@ConsumerType
public interface DeviceDriver {
    /** The service property naming a driver's protocol, e.g. {@code wardgate.protocol=masimo}. */
    String PROTOCOL = "wardgate.protocol";

    /**
     * The protocol's name as used in configuration and on the command line: 1 to 32 lower-case
     * letters, digits and '-', starting with a letter or digit (see {@link ProtocolNames}).
     */
    String protocol();

    /** One line for operators, e.g. "Masimo Radical serial ASCII 1 (SpO2, pulse rate, PI)". */
    String description();
}
