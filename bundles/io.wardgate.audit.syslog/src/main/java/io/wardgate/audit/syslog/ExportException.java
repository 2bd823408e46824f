package io.wardgate.audit.syslog;

/** A session with the collector could not be made; {@code tlsRejection} when TLS refused the collector. */
final class ExportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean tlsRejection;

    ExportException(String message, boolean tlsRejection) {
        super(message);
        this.tlsRejection = tlsRejection;
    }

    boolean tlsRejection() {
        return tlsRejection;
    }
}
