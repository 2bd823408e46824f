package io.wardgate.seal.envelope;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The recipient's key as a validated curve point with its comb table, kept while the key stays the same, and
 * the ECDH with it. A fixed-point comb over the point's table instead of a fresh variable-point
 * multiplication: constant-time lookups, about half the CPU. Each sealer holds its own, so a management reply to
 * another key never evicts the backend's table.
 */
final class RecipientPoints {
    private record Known(java.security.spec.ECPoint w, ECPoint point, PackedComb comb) {
    }

    // One recipient key at a time in practice; another one only costs a table when it alternates.
    private volatile Known last;

    /** The key's point, validated; the same instance while the key stays the same. */
    ECPoint point(ECPublicKey key) {
        Known known = last;
        if (known != null && known.w().equals(key.getW())) {
            return known.point();
        }
        ECPoint point = Crypto.point(Crypto.x(key), Crypto.y(key));
        PackedComb comb = PackedComb.of(point);
        last = new Known(key.getW(), comb.point(), comb);
        return comb.point();
    }

    /** ECDH of {@code privateKey} with a point from {@link #point}: the x coordinate of d * Q, 32 bytes. */
    byte[] ecdh(PrivateKey privateKey, ECPoint recipient) {
        BigInteger d = ((ECPrivateKey) privateKey).getS();
        if (d.signum() <= 0 || d.compareTo(Crypto.DOMAIN.getN()) >= 0) {
            throw new IllegalArgumentException("an ECDH private key must lie in [1, n - 1]");
        }
        Known known = last;
        ECMultiplier comb = known != null && known.point() == recipient ? known.comb() : new FixedPointCombMultiplier();
        return Crypto.sharedX(comb.multiply(recipient, d));
    }
}
