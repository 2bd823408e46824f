package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.junit.jupiter.api.Test;

/**
 * The packed comb gives Bouncy Castle's products, so keys, shared secrets and signatures are the ones the
 * library's own comb gave, byte for byte.
 */
class PackedCombTest {
    private static final BigInteger N = Crypto.DOMAIN.getN();
    private final SecureRandom random = new SecureRandom();

    @Test
    void multipliesTheGeneratorAndTheBackendPointAsBouncyCastleDoes() {
        ECPoint g = Crypto.DOMAIN.getG();
        ECPoint backend = new RecipientPoints().point((ECPublicKey) TestKeys.backend().getPublic());
        for (ECPoint p : List.of(g, backend)) {
            PackedComb comb = PackedComb.of(p);
            for (BigInteger k : scalars(3000)) {
                byte[] ours = comb.multiply(p, k).normalize().getEncoded(false);
                assertThat(ours).as("k = %s", k).isEqualTo(new FixedPointCombMultiplier().multiply(p, k).normalize()
                        .getEncoded(false));
                // And the curve's own (windowed, variable-point) multiplication: another algorithm, same point.
                assertThat(ours).isEqualTo(p.multiply(k).normalize().getEncoded(false));
            }
        }
    }

    @Test
    void zeroAndTheOrderGiveInfinityAndLargerScalarsAreRefused() {
        PackedComb comb = Crypto.generatorComb();
        ECPoint g = Crypto.DOMAIN.getG();
        assertThat(comb.multiply(g, BigInteger.ZERO).isInfinity()).isTrue();
        assertThat(comb.multiply(g, N).isInfinity()).isTrue();
        assertThatThrownBy(() -> comb.multiply(g, BigInteger.ONE.shiftLeft(256))).isInstanceOf(
                IllegalStateException.class);
        assertThatThrownBy(() -> comb.multiply(g.twice(), BigInteger.TEN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signaturesAreTheLibrarySignerOnesAndVerifyWithTheJca() throws Exception {
        KeyPair gateway = TestKeys.gateway();
        ECPrivateKey key = (ECPrivateKey) gateway.getPrivate();
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[i];
            random.nextBytes(data);
            long seed = random.nextLong();
            byte[] ours = Es256Signer.randomized(seeded(seed)).sign(key, data);

            ECDSASigner library = new ECDSASigner();
            library.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(key.getS(), Crypto.DOMAIN),
                    seeded(seed)));
            BigInteger[] rs = library.generateSignature(Crypto.sha256(data));
            assertThat(ours).isEqualTo(Crypto.concat(rs[0], rs[1]));

            Signature jca = Signature.getInstance("SHA256withECDSAinP1363Format");
            jca.initVerify(gateway.getPublic());
            jca.update(data);
            assertThat(jca.verify(ours)).isTrue();
        }
    }

    @Test
    void ephemeralKeysAreTheLibraryCombsPoints() {
        for (int i = 0; i < 200; i++) {
            long seed = random.nextLong();
            KeyPair pair = EphemeralKeys.generate(seeded(seed));
            BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
            ECPoint expected = new FixedPointCombMultiplier().multiply(Crypto.DOMAIN.getG(), d).normalize();
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            assertThat(pub.getW().getAffineX()).isEqualTo(expected.getAffineXCoord().toBigInteger());
            assertThat(pub.getW().getAffineY()).isEqualTo(expected.getAffineYCoord().toBigInteger());
        }
    }

    /** Random scalars of every length, and the edges: 1, 2, small ones, n - 1, n - 2, single bits, all ones. */
    private List<BigInteger> scalars(int count) {
        List<BigInteger> scalars = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            scalars.add(BigInteger.valueOf(i));
            scalars.add(N.subtract(BigInteger.valueOf(i)));
        }
        for (int bit = 0; bit < 256; bit++) {
            BigInteger single = BigInteger.ONE.shiftLeft(bit);
            if (single.compareTo(N) < 0) {
                scalars.add(single);
            }
        }
        scalars.add(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE));
        for (int i = 0; i < count; i++) {
            BigInteger k = new BigInteger(1 + random.nextInt(256), random);
            if (k.signum() > 0 && k.compareTo(N) < 0) {
                scalars.add(k);
            }
        }
        return scalars;
    }

    /** The same bytes for the same seed (SHA1PRNG seeded before first use is deterministic). */
    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(seed);
            return seeded;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
