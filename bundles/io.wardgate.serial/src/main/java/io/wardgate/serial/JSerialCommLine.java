package io.wardgate.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.wardgate.api.driver.FlowControl;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.Parity;
import io.wardgate.api.driver.StopBits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The only class that knows jSerialComm. A path is resolved afresh on every open (jSerialComm
 * follows symbolic links when it builds the port), so a udev stable name that now points at another
 * tty after a replug is picked up.
 *
 * <p>jSerialComm extracts its native library when its {@code SerialPort} class is first used, to
 * {@code <java.io.tmpdir>/jSerialComm/<fazecast.jSerialComm.appid>/<version>/}, or loads a
 * pre-extracted one from {@code jSerialComm.library.path} (checked in the 2.11.4 jar and its
 * README/wiki). Those are JVM system properties, set on the java command line; docs/devices.md says
 * which to use.
 */
final class JSerialCommLine implements SerialLine {
    /** The longest read timeout a tty can time (VTIME is a byte of tenths of a second). */
    static final int MAX_READ_TIMEOUT_MILLIS = 25_500;
    private final SerialPort port;
    private final String path;
    /** The read timeout in force; only the reading thread changes it. */
    private int readTimeoutMillis = SerialLines.READ_TIMEOUT_MILLIS;
    private volatile boolean woken;

    private JSerialCommLine(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    static SerialLine open(String path, LineSettings settings) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port at " + path);
        } catch (LinkageError e) {
            throw new IOException("jSerialComm's native library could not be loaded (" + nativeLibraryLocation()
                    + "); see docs/devices.md, 'Configuring a serial port'", e);
        }
        port.setComPortParameters(settings.baudRate(), settings.dataBits(), stopBits(settings.stopBits()),
                parity(settings.parity()));
        port.setFlowControl(flowControl(settings.flowControl()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                SerialLines.READ_TIMEOUT_MILLIS, SerialLines.WRITE_TIMEOUT_MILLIS);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
        }
        return new JSerialCommLine(port, path);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = port.readBytes(buffer, length, offset);
        if (n < 0 && woken) {
            return 0; // non-blocking after wake(): "no data now" is EAGAIN, not a hang-up
        }
        if (n < 0) {
            // What jSerialComm returns when the tty hangs up (checked on a pseudo-terminal).
            throw new IOException(path + " hung up (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        long steps = Math.max(1, (timeout.toMillis() + 99) / 100);
        int millis = (int) Math.min(MAX_READ_TIMEOUT_MILLIS, steps * 100);
        if (millis == readTimeoutMillis || woken) {
            return;
        }
        if (!port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, millis,
                SerialLines.WRITE_TIMEOUT_MILLIS)) {
            throw new IOException("cannot set the read timeout of " + path + " (error " + port.getLastErrorCode() + ")");
        }
        readTimeoutMillis = millis;
    }

    /**
     * Switches the tty to non-blocking (O_NONBLOCK, VMIN = VTIME = 0): the termios change wakes a read waiting in the
     * kernel, which then finds no data and returns (checked on a pseudo-terminal, JSerialCommLineTest). Closing the
     * port from this thread would do the same, but could close the descriptor under a read about to start.
     */
    @Override
    public void wake() {
        woken = true;
        port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0,
                SerialLines.WRITE_TIMEOUT_MILLIS);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new IOException("wrote " + n + " of " + bytes.length + " bytes to " + path);
        }
    }

    @Override
    public void close() {
        port.closePort();
    }

    /** Where jSerialComm takes its native library from, computed as jSerialComm 2.11.4 does. */
    static String nativeLibraryLocation() {
        String preExtracted = System.getProperty("jSerialComm.library.path", "");
        if (!preExtracted.isEmpty()) {
            return "pre-extracted in " + preExtracted;
        }
        String appId = System.getProperty("fazecast.jSerialComm.appid", ".");
        Path dir = Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "jSerialComm", appId).normalize();
        return "extracted under " + dir;
    }

    private static int parity(Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    private static int stopBits(StopBits stopBits) {
        return switch (stopBits) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private static int flowControl(FlowControl flowControl) {
        return switch (flowControl) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
    }
}
