package io.wardgate.driver.gatt;

import io.wardgate.api.driver.GattResult;

/**
 * Thrown by a decoder when a field is malformed; {@link GattDecoders} turns it into a
 * {@link GattResult.GattError} before anything leaves the package. Never escapes.
 */
final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    Malformed(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
