package io.wardgate.seal.admin;

import io.wardgate.seal.identity.IdentityStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Provisioning a gateway identity outside the running gateway (a bench or a factory step that enrolls ahead
 * of the first start): the same store the gateway opens, through the administration interface only.
 */
public final class Identities {
    private Identities() {
    }

    /** Opens (or creates, with a new key made in {@code directory}) the identity of gateway {@code gatewayId}. */
    public static IdentityAdmin open(Path directory, String gatewayId, SecureRandom random, Clock clock)
            throws IOException {
        return IdentityStore.open(directory, gatewayId, random, clock);
    }
}
