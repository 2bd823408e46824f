package io.wardgate.api.secrets;

/** A sealed value that does not open; the message names the property and the reason, never the value. */
public final class SecretException extends Exception {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }
}
