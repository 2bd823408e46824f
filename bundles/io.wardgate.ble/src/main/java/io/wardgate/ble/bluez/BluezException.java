package io.wardgate.ble.bluez;

/** A D-Bus call to BlueZ failed; the message names the D-Bus error (e.g. org.bluez.Error.Failed). */
public final class BluezException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BluezException(String message, Throwable cause) {
        super(message, cause);
    }
}
