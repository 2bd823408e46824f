package io.wardgate.seal.keystore;

import java.nio.file.Path;

/** The gateway identity in a SoftHSM2 token (PKCS#11), made by the test with softhsm2-util. */
class SoftHsmIdentityTest extends TokenIdentityContract {

    @Override
    KeyLocation location(Path pinFile) {
        return SoftHsm.location(pinFile);
    }
}
