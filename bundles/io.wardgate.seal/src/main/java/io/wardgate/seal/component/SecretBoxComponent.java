package io.wardgate.seal.component;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.secrets.AesGcmSecretBox;
import io.wardgate.seal.secrets.SecretsKey;
import java.io.IOException;
import java.security.SecureRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration secrets service: the secrets key in the identity directory, wrapped by the token's
 * wrapping key when the identity's keys are in a token. The key is opened once, at activation (one token
 * operation, so a slow TPM does not matter). With the token absent at start the service is not offered
 * until the gateway restarts: the components whose settings hold a sealed password do not start (saying
 * so), and no password can be changed (refused rather than stored in clear).
 */
@Component(service = SecretBox.class)
public final class SecretBoxComponent implements SecretBox {
    private static final Logger LOG = LoggerFactory.getLogger(SecretBoxComponent.class);

    private final SecretBox box;

    @Activate
    public SecretBoxComponent(@Reference IdentityComponent identity) throws IOException {
        IdentityStore store = identity.store();
        SecretsKey.Opened key = SecretsKey.open(store.directory(), store.wrapping(SecretsKey.WRAPPING_ALIAS),
                new SecureRandom());
        String location = key.wrapped()
                ? "key " + key.id() + " wrapped by the token's key (" + identity.keyLocation().describe() + ")"
                : "key " + key.id() + " in the file " + store.directory().resolve(SecretsKey.FILE)
                        + " (readable by the service user only; no token)";
        this.box = new AesGcmSecretBox(key, location, new SecureRandom());
        LOG.info("Configuration secrets: {}", location);
    }

    @Override
    public String seal(String pid, String property, String clear) {
        return box.seal(pid, property, clear);
    }

    @Override
    public String open(String pid, String property, String stored) throws SecretException {
        return box.open(pid, property, stored);
    }

    @Override
    public String keyLocation() {
        return box.keyLocation();
    }
}
