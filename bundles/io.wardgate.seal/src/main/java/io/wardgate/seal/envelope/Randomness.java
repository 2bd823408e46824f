package io.wardgate.seal.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
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
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                    return generator.generateKeyPair();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("this JVM lacks EC P-256", e);
                }
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
