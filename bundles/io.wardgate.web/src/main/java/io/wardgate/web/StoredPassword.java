package io.wardgate.web;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import java.io.IOException;
import java.util.Optional;

/**
 * Opens a password of this component's configuration: a sealed value through the secrets service, a clear
 * one (from before secrets were sealed; the migration seals it at start) as it is. A value that does not
 * open stops the component with a reason that names the setting, never the value.
 */
final class StoredPassword {
    private StoredPassword() {
    }

    static String open(Optional<SecretBox> box, String property, String stored) throws IOException {
        if (!SecretBox.isSealed(stored)) {
            return stored;
        }
        if (box.isEmpty()) {
            throw new IOException(WebConsole.PID + " " + property + " is sealed, and the secrets service (the "
                    + "gateway identity) is not running");
        }
        try {
            return box.get().open(WebConsole.PID, property, stored);
        } catch (SecretException e) {
            throw new IOException(e.getMessage());
        }
    }
}
