package io.wardgate.uplink;

/** A connection or publish failure, with a printable reason fit for status, logs and audit. */
final class UplinkException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean tls;
    private final boolean notYetValid;

    UplinkException(String reason, boolean tls, Throwable cause) {
        this(reason, tls, false, cause);
    }

    private UplinkException(String reason, boolean tls, boolean notYetValid, Throwable cause) {
        super(reason, cause);
        this.tls = tls;
        this.notYetValid = notYetValid;
    }

    /**
     * Whether a certificate was refused as not yet valid: on a board without a real-time clock that boots
     * behind, the clock is the likely culprit, and the uplink tries again once it is synchronised.
     */
    boolean isNotYetValid() {
        return notYetValid;
    }

    /** Whether TLS refused the peer (certificate, hostname, protocol): worth an audit record (S2). */
    boolean isTlsRejection() {
        return tls;
    }

    /** A readable reason from a cause chain: "Paho message <- SSLHandshakeException: PKIX path ...". */
    static UplinkException of(String what, Throwable error) {
        StringBuilder reason = new StringBuilder(what);
        boolean tls = false;
        boolean notYetValid = false;
        int depth = 0;
        for (Throwable t = error; t != null && depth < 6; t = t.getCause(), depth++) {
            tls |= t instanceof javax.net.ssl.SSLException || t instanceof java.security.GeneralSecurityException;
            notYetValid |= t instanceof java.security.cert.CertificateNotYetValidException
                    || t instanceof java.security.cert.CertPathValidatorException v
                            && v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.NOT_YET_VALID;
            String message = t.getMessage() == null ? "" : t.getMessage();
            reason.append(depth == 0 ? ": " : " <- ").append(t.getClass().getSimpleName());
            if (!message.isEmpty()) {
                reason.append(": ").append(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String text = reason.toString().replaceAll("[^\\x20-\\x7E]", "?");
        return new UplinkException(text.length() <= 600 ? text : text.substring(0, 597) + "...", tls, notYetValid, error);
    }
}
