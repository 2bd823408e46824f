package io.wardgate.driver.intellivue;

/**
 * A frame that was framed correctly but whose PDU does not parse. Caught inside the session and
 * turned into a {@link io.wardgate.api.driver.Decoded.FramingError}; never leaves the package.
 */
final class MalformedPdu extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedPdu(String message) {
        super(message, null, false, false);
    }
}
