package io.wardgate.web;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import io.wardgate.web.auth.TotpSecrets;
import java.io.IOException;

/** TOTP secrets in the user file sealed by the gateway's secrets service, each bound to its user. */
final class SealedTotpSecrets implements TotpSecrets {
    /** The "PID" the values are bound to: the user file is not a configuration, so a name of its own. */
    static final String USERS = WebConsole.PID + ".users";

    private final SecretBox box;

    SealedTotpSecrets(SecretBox box) {
        this.box = box;
    }

    @Override
    public String seal(String user, String base32) {
        return box.seal(USERS, "totp:" + user, base32);
    }

    @Override
    public String open(String user, String stored) throws IOException {
        try {
            return box.open(USERS, "totp:" + user, stored);
        } catch (SecretException e) {
            throw new IOException("the user file: " + e.getMessage());
        }
    }

    @Override
    public boolean isSealed(String stored) {
        return SecretBox.isSealed(stored);
    }
}
