package io.wardgate.seal.keystore;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Opens the key storage a {@link KeyLocation} names. */
public final class KeyStorages {
    private KeyStorages() {
    }

    /**
     * @param directory the identity directory (0700), holding the PKCS#12 file for {@link KeyLocation.Kind#FILE}
     * @param gatewayId names the keys in a token, so that identities can share it
     */
    public static KeyStorage open(KeyLocation location, Path directory, String gatewayId, SecureRandom random)
            throws IOException {
        return location.kind() == KeyLocation.Kind.FILE ? FileKeyStorage.open(directory, random)
                : TokenKeyStorage.open(location, gatewayId, random);
    }
}
