package io.wardgate.runtime;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Bouncy Castle's P-256, ECDSA, HKDF and ChaCha20-Poly1305 classes ahead of the sealer's first envelope,
 * on the warm-up thread: with the uplink's path started first, the first reading's envelope is sealed while the
 * uplink connects, and its first use of these classes was about 100 ms of class loading
 * (docs/benchmarks-history.md, "Start-up to the first reading, seventh pass"). Throwaway values only: a random scalar of its own, no key,
 * certificate or setting of the gateway; the envelope's code and format are untouched. A failure only loses the
 * head start.
 */
final class EnvelopeCryptoWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeCryptoWarmUp.class);

    private EnvelopeCryptoWarmUp() {
    }

    /** True when a throwaway P-256 signature verified and a throwaway AEAD round trip came back. */
    static boolean warmUp() {
        long started = System.nanoTime();
        try {
            SecureRandom random = new SecureRandom();
            X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
            ECDomainParameters domain = new ECDomainParameters(p256.getCurve(), p256.getG(), p256.getN(), p256.getH());
            BigInteger d = BigIntegers.createRandomInRange(BigInteger.ONE, domain.getN().subtract(BigInteger.ONE), random);
            ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
            byte[] digest = new byte[32];
            SHA256Digest sha = new SHA256Digest();
            sha.update(digest, 0, digest.length);
            sha.doFinal(digest, 0);
            ECDSASigner signer = new ECDSASigner();
            signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(d, domain), random));
            BigInteger[] signature = signer.generateSignature(digest);
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, new ECPublicKeyParameters(q, domain));
            if (!verifier.verifySignature(digest, signature[0], signature[1])) {
                throw new IllegalStateException("a P-256 signature just made does not verify");
            }
            byte[] shared = BigIntegers.asUnsignedByteArray(32, q.multiply(d).normalize().getAffineXCoord().toBigInteger());
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(shared, null, new byte[1]));
            byte[] key = new byte[32];
            hkdf.generateBytes(key, 0, key.length);
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            byte[] sealed = aead(true, key, nonce, new byte[16]);
            if (aead(false, key, nonce, sealed).length != 16) {
                throw new IllegalStateException("an AEAD round trip lost bytes");
            }
            LOG.info("Envelope cryptography loaded ahead of the sealer in {} ms", (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (InvalidCipherTextException | RuntimeException | LinkageError e) {
            LOG.info("Envelope cryptography warm-up skipped: {}", e.toString());
            return false;
        }
    }

    private static byte[] aead(boolean encrypt, byte[] key, byte[] nonce, byte[] input) throws InvalidCipherTextException {
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, new byte[0]));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, out, 0);
        length += cipher.doFinal(out, length);
        return java.util.Arrays.copyOf(out, length);
    }
}
