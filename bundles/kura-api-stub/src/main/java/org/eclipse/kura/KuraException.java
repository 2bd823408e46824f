package org.eclipse.kura;

/** Stand-in for Kura's checked exception (the real one carries an error code). */
public class KuraException extends Exception {
    private static final long serialVersionUID = 1L;

    public KuraException(String message, Throwable cause) {
        super(message, cause);
    }

    public KuraException(String message) {
        super(message);
    }
}
