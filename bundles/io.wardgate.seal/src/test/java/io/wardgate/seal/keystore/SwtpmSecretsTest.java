package io.wardgate.seal.keystore;

import java.nio.file.Path;

/** Secrets at rest with the keys in a TPM 2.0 (swtpm) through tpm2-pkcs11. */
class SwtpmSecretsTest extends TokenSecretsContract {

    @Override
    KeyLocation location(Path pinFile) {
        return Swtpm.location(pinFile);
    }
}
