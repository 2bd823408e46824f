package io.wardgate.web.auth;

import java.io.IOException;

/**
 * How the user file stores a TOTP secret (its Base32 text): sealed by the gateway's secrets service, or
 * as it is where there is none ({@link #CLEAR}, tests and a gateway without an identity). Opening a
 * sealed secret that does not open is an error that names the user, never the secret.
 */
public interface TotpSecrets {
    TotpSecrets CLEAR = new TotpSecrets() {
        @Override
        public String seal(String user, String base32) {
            return base32;
        }

        @Override
        public String open(String user, String stored) {
            return stored;
        }

        @Override
        public boolean isSealed(String stored) {
            return true; // nothing to migrate without a secrets service
        }
    };

    String seal(String user, String base32);

    String open(String user, String stored) throws IOException;

    /** Whether a stored value is already sealed (a clear one is sealed when the file is next written). */
    boolean isSealed(String stored);
}
