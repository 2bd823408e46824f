package io.wardgate.seal.envelope;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Objects;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECMultiplier;

/**
 * Makes ES256 signatures (ECDSA P-256 with SHA-256, r || s). A seam so that the key can later live
 * in a TPM or secure element, and so that tests can sign deterministically (RFC 6979).
 */
@FunctionalInterface
public interface Es256Signer {

    /** The 64-byte signature r || s of {@code data}. */
    byte[] sign(PrivateKey key, byte[] data);

    /** ECDSA with a fresh random k from {@code random} for every signature. */
    static Es256Signer randomized(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return (key, data) -> {
            if (!(key instanceof ECPrivateKey ec) || !Crypto.isP256(ec.getParams())) {
                throw new IllegalArgumentException("ES256 needs an EC P-256 private key");
            }
            ECDSASigner signer = new ECDSASigner() {
                @Override
                protected ECMultiplier createBasePointMultiplier() {
                    return Crypto.generatorComb();
                }
            };
            signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(ec.getS(), Crypto.DOMAIN), random));
            BigInteger[] rs = signer.generateSignature(Crypto.sha256(data));
            return Crypto.concat(rs[0], rs[1]);
        };
    }
}
