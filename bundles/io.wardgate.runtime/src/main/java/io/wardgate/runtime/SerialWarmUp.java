package io.wardgate.runtime;

import com.fazecast.jSerialComm.SerialPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads jSerialComm and its native library ahead of the first serial port, on the warm-up thread: the first port's
 * thread did it before it could open its port (extracting the library into java.io.tmpdir, the data directory's tmp
 * under the unit, then loading it; docs/benchmarks-history.md, "Start-up to the first reading, eighth pass"). Only
 * the class is initialised, as the port's first use would: no port is listed, opened or configured. Only when the
 * configuration directory holds a serial port's configuration. A failure only loses the head start: the port's thread
 * then reports the library as before.
 */
final class SerialWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(SerialWarmUp.class);

    /** The serial ports' configuration files (factory PID, instances "-name") in the configuration directory. */
    static final String PORT_CONFIG = "io.wardgate.serial.Port-";

    private SerialWarmUp() {
    }

    static boolean portConfigured(String configDirectory) {
        return TlsWarmUp.configured(configDirectory, PORT_CONFIG);
    }

    /** True when jSerialComm's class, and with it its native library, is loaded. */
    static boolean warmUp() {
        long started = System.nanoTime();
        try {
            String version = SerialPort.getVersion(); // a static call initialises the class: the library loads
            LOG.info("jSerialComm {} loaded ahead of the serial ports in {} ms", version,
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.info("jSerialComm warm-up skipped: {}", e.toString());
            return false;
        }
    }
}
