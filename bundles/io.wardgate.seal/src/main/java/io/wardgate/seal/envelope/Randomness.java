package io.wardgate.seal.envelope;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Where a sealer's fresh values come from: the ephemeral key of each envelope's key agreement and
 * its nonce. Production uses {@link #secure(SecureRandom)}; only tests inject fixed values (the
 * worked example of docs/envelope.md).
 */
public interface Randomness {

    /** A fresh EC P-256 key pair, used for one envelope only. */
    KeyPair ephemeralKeyPair();

    /** {@code length} fresh random bytes. */
    byte[] nonce(int length);

    static Randomness secure(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new Randomness() {
            @Override
            public KeyPair ephemeralKeyPair() {
                return EphemeralKeys.generate(random);
            }

            @Override
            public byte[] nonce(int length) {
                byte[] nonce = new byte[length];
                random.nextBytes(nonce);
                return nonce;
            }
        };
    }
}
