package io.wardgate.web.ui;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** The web UI's own TLS certificate, as the security page shows and rotates it. */
public interface UiCertificate {
    Optional<X509Certificate> current();

    /** Whether an operator installed the keystore (then the UI does not rotate it). */
    boolean custom();

    /**
     * A new key and self-signed certificate; HTTPS restarts with them.
     *
     * @throws TooSoon when the last rotation was moments ago (HTTPS may still be restarting)
     */
    X509Certificate rotate() throws IOException, GeneralSecurityException;

    /** A rotation right after another, refused: back-to-back HTTPS restarts can leave no listener. */
    final class TooSoon extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TooSoon(String message) {
            super(message);
        }
    }
}
