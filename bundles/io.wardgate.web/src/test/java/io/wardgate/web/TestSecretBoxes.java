package io.wardgate.web;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.seal.secrets.AesGcmSecretBox;
import io.wardgate.seal.secrets.SecretsKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/** The gateway's real secrets service with a file key (as without a token), for the web UI's tests. */
public final class TestSecretBoxes {
    private TestSecretBoxes() {
    }

    /** The box over the secrets key in {@code identityDirectory}, made there on first use. */
    public static SecretBox fileKey(Path identityDirectory) throws IOException {
        SecureRandom random = new SecureRandom();
        return new AesGcmSecretBox(SecretsKey.open(identityDirectory, Optional.empty(), random), "file key (test)",
                random);
    }
}
