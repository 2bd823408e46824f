package io.wardgate.seal.keystore;

import java.nio.file.Path;

/** The gateway identity in a TPM 2.0 (swtpm) through tpm2-pkcs11, the token made by the test. */
class SwtpmIdentityTest extends TokenIdentityContract {

    @Override
    KeyLocation location(Path pinFile) {
        return Swtpm.location(pinFile);
    }

    @Override
    Path tokenFiles() {
        return Path.of(Tokens.environment("TPM2_PKCS11_STORE"));
    }
}
