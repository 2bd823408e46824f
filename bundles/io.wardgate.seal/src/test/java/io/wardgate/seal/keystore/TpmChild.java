package io.wardgate.seal.keystore;

import io.wardgate.seal.envelope.KeyIds;
import io.wardgate.seal.identity.IdentityStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * A gateway process with its key in a TPM, for {@link TpmGoneAndBackTest}: opens the identity (args: identity
 * directory, PIN file), signs and prints "SIGNED kid", then, for every line on stdin, signs again and prints
 * "SIGNED kid" or "UNAVAILABLE reason". Its own process: the TPM module's state dies with it.
 */
public final class TpmChild {
    private TpmChild() {
    }

    public static void main(String[] args) throws Exception {
        KeyLocation tpm = new KeyLocation(KeyLocation.Kind.TPM, Swtpm.MODULE, Swtpm.SLOT, 0, Path.of(args[1]));
        try (IdentityStore store = IdentityStore.open(Path.of(args[0]), "wg-tpm-child", tpm, new SecureRandom(),
                Clock.systemUTC())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            do {
                try {
                    store.signer().sign(store.signingKey().privateKey(), "a batch".getBytes(StandardCharsets.UTF_8));
                    System.out.println("SIGNED " + KeyIds.hex(store.signingKey().kid()));
                } catch (KeyStorageUnavailableException e) {
                    System.out.println("UNAVAILABLE " + e.getMessage());
                }
                System.out.flush();
            } while (in.readLine() != null);
        }
    }
}
