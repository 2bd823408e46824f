package io.wardgate.seal.envelope;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * PUBLISHED TEST KEYS (docs/envelope.md, "Worked example"): each private key is the SHA-256 of a
 * label, read as a big-endian number. Never use them for anything but tests.
 */
public final class TestKeys {
    public static final String GATEWAY_LABEL = "WardGate TEST gateway signing key";
    public static final String BACKEND_LABEL = "WardGate TEST backend encryption key";
    public static final String EPHEMERAL_LABEL = "WardGate TEST ephemeral key";
    /** The fixed nonce of the worked example. */
    public static final byte[] IV = HexFormat.of().parseHex("000102030405060708090a0b");

    private TestKeys() {
    }

    public static KeyPair keyPair(String label) {
        BigInteger d = new BigInteger(1, Crypto.sha256(label.getBytes(StandardCharsets.US_ASCII)));
        if (d.signum() == 0 || d.compareTo(Crypto.DOMAIN.getN()) >= 0) {
            throw new IllegalStateException("label gives no valid P-256 key");
        }
        org.bouncycastle.math.ec.ECPoint q = Crypto.DOMAIN.getG().multiply(d).normalize();
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            PrivateKey privateKey = factory.generatePrivate(new ECPrivateKeySpec(d, Crypto.jcaParams()));
            PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(
                    new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                    Crypto.jcaParams()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair gateway() {
        return keyPair(GATEWAY_LABEL);
    }

    public static KeyPair backend() {
        return keyPair(BACKEND_LABEL);
    }

    public static SigningKey gatewaySigningKey() {
        KeyPair pair = gateway();
        return new SigningKey(pair.getPrivate(), pair.getPublic(), List.of());
    }

    public static RecipientKey backendRecipient() {
        return new RecipientKey("backend-test", backend().getPublic());
    }

    /** The worked example's randomness: a fixed ephemeral key and nonce. Test path only. */
    public static Randomness fixedRandomness() {
        return new Randomness() {
            @Override
            public KeyPair ephemeralKeyPair() {
                return keyPair(EPHEMERAL_LABEL);
            }

            @Override
            public byte[] nonce(int length) {
                return IV.clone();
            }
        };
    }

    /** Deterministic ECDSA (RFC 6979, HMAC-SHA-256), so the example's signature is reproducible. */
    public static Es256Signer deterministicSigner() {
        return (key, data) -> {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, new ECPrivateKeyParameters(((ECPrivateKey) key).getS(), Crypto.DOMAIN));
            BigInteger[] rs = signer.generateSignature(Crypto.sha256(data));
            return Crypto.concat(rs[0], rs[1]);
        };
    }

    /** Trusts exactly one public key, by kid. */
    public static SignerCheck trusting(PublicKey key) {
        byte[] expected = KeyIds.kid(key);
        return (tags, kid, chain) -> java.security.MessageDigest.isEqual(expected, kid)
                ? SignerCheck.Verdict.trusted(key)
                : SignerCheck.Verdict.untrusted("unknown signer kid " + KeyIds.hex(kid));
    }
}
