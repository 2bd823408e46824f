package io.wardgate.seal.envelope;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * Fresh P-256 key pairs for one envelope's key agreement, made with Bouncy Castle's fixed-point comb
 * ({@link PackedComb}: its table, its lookups packed) on P-256's specialised field (the generator's table is
 * computed once per JVM, the lookups are constant-time). The JCA's {@code KeyPairGenerator("EC")} did the
 * same work in about three times the CPU on the appliance's C1-only JIT (docs/benchmarks-history.md, "CPU per
 * envelope"). The keys live only inside one seal call, so they are plain holders, never encoded.
 */
final class EphemeralKeys {
    private static final BigInteger ORDER = Crypto.DOMAIN.getN();
    private static final ECParameterSpec PARAMS = Crypto.jcaParams();

    private EphemeralKeys() {
    }

    /** d uniform in [1, n - 1] (rejection sampling), Q = d * G. */
    static KeyPair generate(SecureRandom random) {
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(ORDER.bitLength(), random);
        } while (d.signum() == 0 || d.compareTo(ORDER) >= 0);
        org.bouncycastle.math.ec.ECPoint q = Crypto.generatorComb().multiply(Crypto.DOMAIN.getG(), d)
                .normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return new KeyPair(new Public(w), new Private(d));
    }

    private record Public(ECPoint getW) implements ECPublicKey {
        @Override
        public ECParameterSpec getParams() {
            return PARAMS;
        }

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    private static final class Private implements ECPrivateKey {
        private static final long serialVersionUID = 1L;
        private final transient BigInteger s;

        Private(BigInteger s) {
            this.s = s;
        }

        @Override
        public BigInteger getS() {
            return s;
        }

        @Override
        public ECParameterSpec getParams() {
            return PARAMS;
        }

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }

        @Override
        public String toString() {
            return "ephemeral P-256 private key";
        }
    }
}
