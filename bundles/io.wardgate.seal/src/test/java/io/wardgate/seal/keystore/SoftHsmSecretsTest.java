package io.wardgate.seal.keystore;

import java.nio.file.Path;

/** Secrets at rest with the keys in a SoftHSM2 token. */
class SoftHsmSecretsTest extends TokenSecretsContract {

    @Override
    KeyLocation location(Path pinFile) {
        return SoftHsm.location(pinFile);
    }
}
