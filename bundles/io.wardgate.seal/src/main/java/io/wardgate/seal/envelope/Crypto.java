package io.wardgate.seal.envelope;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.util.BigIntegers;

/**
 * The primitives of the envelope, from Bouncy Castle's lightweight API (no JCA provider is
 * registered): P-256 ECDH, HKDF-SHA-256, ChaCha20/Poly1305 and AES-256-GCM, ES256 verification.
 */
final class Crypto {
    static final int COORDINATE = 32;
    static final int TAG_BITS = 128;

    // The custom curve has P-256-specific field arithmetic: the same curve, several times faster.
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(),
            P256.getH());

    private Crypto() {
    }

    /** The comb of P-256's generator: ephemeral keys and the signature's k * G. */
    static PackedComb generatorComb() {
        return Generator.COMB;
    }

    // Built at the first use, not when the class loads.
    private static final class Generator {
        static final PackedComb COMB = PackedComb.of(DOMAIN.getG());
    }

    /** The JCA parameters of P-256, for building JCA keys. */
    static ECParameterSpec jcaParams() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks EC P-256", e);
        }
    }

    static boolean isP256(ECParameterSpec params) {
        return params.getCurve().getField().getFieldSize() == 256
                && params.getOrder().equals(P256.getN())
                && params.getGenerator().getAffineX().equals(P256.getG().getAffineXCoord().toBigInteger());
    }

    static byte[] x(ECPublicKey key) {
        return BigIntegers.asUnsignedByteArray(COORDINATE, key.getW().getAffineX());
    }

    static byte[] y(ECPublicKey key) {
        return BigIntegers.asUnsignedByteArray(COORDINATE, key.getW().getAffineY());
    }

    /** A point on P-256 from its coordinates; validates that it lies on the curve. */
    static org.bouncycastle.math.ec.ECPoint point(byte[] x, byte[] y) {
        ECCurve curve = DOMAIN.getCurve();
        org.bouncycastle.math.ec.ECPoint point = curve.validatePoint(new BigInteger(1, x), new BigInteger(1, y));
        if (point.isInfinity()) {
            throw new IllegalArgumentException("point at infinity");
        }
        return point;
    }

    static PublicKey jcaPublicKey(byte[] x, byte[] y) {
        point(x, y);
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), jcaParams()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC P-256 public key", e);
        }
    }

    /** ECDH on P-256: the x coordinate of d * Q, 32 bytes. */
    static byte[] ecdh(PrivateKey privateKey, org.bouncycastle.math.ec.ECPoint peer) {
        return sharedX(peer.multiply(((ECPrivateKey) privateKey).getS()));
    }

    /** The x coordinate of an ECDH product, 32 bytes; refuses the point at infinity. */
    static byte[] sharedX(org.bouncycastle.math.ec.ECPoint product) {
        org.bouncycastle.math.ec.ECPoint shared = product.normalize();
        if (shared.isInfinity()) {
            throw new IllegalArgumentException("ECDH gave the point at infinity");
        }
        return BigIntegers.asUnsignedByteArray(COORDINATE, shared.getAffineXCoord().toBigInteger());
    }

    /** HKDF with SHA-256 (RFC 5869), no salt (a string of zeros), as COSE's -25 prescribes. */
    static byte[] hkdfSha256(byte[] secret, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, null, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    static byte[] seal(ContentAlgorithm algorithm, byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        try {
            return run(algorithm, true, key, iv, aad, plaintext);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts and checks the tag; throws when the ciphertext, AAD, IV or key is not the sealer's. */
    static byte[] open(ContentAlgorithm algorithm, byte[] key, byte[] iv, byte[] aad, byte[] ciphertext)
            throws InvalidCipherTextException {
        return run(algorithm, false, key, iv, aad, ciphertext);
    }

    private static byte[] run(ContentAlgorithm algorithm, boolean encrypt, byte[] key, byte[] iv, byte[] aad,
            byte[] input) throws InvalidCipherTextException {
        AEADCipher cipher = algorithm == ContentAlgorithm.AES_256_GCM
                ? GCMBlockCipher.newInstance(AESEngine.newInstance())
                : new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, iv, aad));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, out, 0);
        length += cipher.doFinal(out, length);
        if (length != out.length) {
            byte[] exact = new byte[length];
            System.arraycopy(out, 0, exact, 0, length);
            return exact;
        }
        return out;
    }

    /** Verifies an ES256 signature given as r || s (64 bytes) over {@code data}. */
    static boolean verifyEs256(PublicKey key, byte[] data, byte[] signature) {
        if (signature.length != 2 * COORDINATE || !(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            return false;
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, COORDINATE));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, COORDINATE, 2 * COORDINATE));
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(point(x(ec), y(ec)), DOMAIN));
        return verifier.verifySignature(sha256(data), r, s);
    }

    static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** r || s, each left-padded to 32 bytes. */
    static byte[] concat(BigInteger r, BigInteger s) {
        byte[] out = new byte[2 * COORDINATE];
        BigIntegers.asUnsignedByteArray(r, out, 0, COORDINATE);
        BigIntegers.asUnsignedByteArray(s, out, COORDINATE, COORDINATE);
        return out;
    }
}
