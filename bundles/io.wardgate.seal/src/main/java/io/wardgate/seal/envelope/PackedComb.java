package io.wardgate.seal.envelope;

import java.math.BigInteger;
import org.bouncycastle.math.ec.AbstractECMultiplier;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointPreCompInfo;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256R1FieldElement;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;

/**
 * Bouncy Castle's fixed-point comb on P-256 (the same table, width, offset, digits and point arithmetic,
 * so the same product), with its table lookup done over a copy of the table packed into longs. The
 * lookup still reads every entry and selects with a mask, whatever the secret digit; it only does in
 * four longs per coordinate what Bouncy Castle's lookup does in eight ints through an inner loop, which
 * the appliance's C1-only JIT runs slowly: the lookup was about a third of each multiplication
 * (docs/benchmarks-history.md, "Steady state, seventh pass"). One instance per fixed point, kept with it.
 */
final class PackedComb extends AbstractECMultiplier {
    private static final int LIMBS = 4;

    private final ECPoint point;
    private final ECPoint offset;
    private final int width;
    private final int entries;
    private final int combSize;
    private final long[] table;
    private final Fe one;

    private PackedComb(ECPoint point, FixedPointPreCompInfo info) {
        this.point = point;
        this.offset = info.getOffset();
        this.width = info.getWidth();
        this.combSize = FixedPointUtil.getCombSize(point.getCurve());
        ECLookupTable source = info.getLookupTable();
        this.entries = source.getSize();
        this.table = new long[entries * 2 * LIMBS];
        for (int i = 0; i < entries; i++) {
            ECPoint entry = source.lookupVar(i).normalize();
            pack(entry.getAffineXCoord().toBigInteger(), table, i * 2 * LIMBS);
            pack(entry.getAffineYCoord().toBigInteger(), table, i * 2 * LIMBS + LIMBS);
        }
        this.one = new Fe(Nat256.fromBigInteger(BigInteger.ONE));
    }

    /** The comb of a P-256 point (Bouncy Castle's table for it, computed once and kept on the point). */
    static PackedComb of(ECPoint point) {
        if (!(point.getCurve().fromBigInteger(BigInteger.ONE) instanceof SecP256R1FieldElement)) {
            throw new IllegalArgumentException("the packed comb is for P-256's specialised curve only");
        }
        ECPoint normalized = point.normalize();
        return new PackedComb(normalized, FixedPointUtil.precompute(normalized));
    }

    /** The point this comb multiplies. */
    ECPoint point() {
        return point;
    }

    @Override
    protected ECPoint multiplyPositive(ECPoint p, BigInteger k) {
        if (p != point && !p.equals(point)) {
            throw new IllegalArgumentException("this comb multiplies another point");
        }
        if (k.bitLength() > combSize) {
            throw new IllegalStateException("fixed-point comb doesn't support scalars larger than the curve order");
        }
        int d = (combSize + width - 1) / width;
        int fullComb = d * width;
        int[] digits = Nat.fromBigInteger(fullComb, k);
        int top = fullComb - 1;
        ECPoint r = point.getCurve().getInfinity();
        for (int i = 0; i < d; i++) {
            int index = 0;
            for (int j = top - i; j >= 0; j -= d) {
                int bit = digits[j >>> 5] >>> (j & 0x1F);
                index ^= bit >>> 1;
                index <<= 1;
                index ^= bit;
            }
            ECPoint add = lookup(index);
            r = r.twicePlus(add);
            if (r == add) {
                // r was the point at infinity (the first digit): make the entry a curve point of its own.
                r = add.scaleX(one);
            }
        }
        return r.add(offset);
    }

    /** Every entry read, the one wanted kept by mask: constant-time in {@code index}. */
    private ECPoint lookup(int index) {
        long[] t = table;
        long x0 = 0;
        long x1 = 0;
        long x2 = 0;
        long x3 = 0;
        long y0 = 0;
        long y1 = 0;
        long y2 = 0;
        long y3 = 0;
        int pos = 0;
        for (int i = 0; i < entries; i++) {
            long mask = ((i ^ index) - 1) >> 31;
            x0 ^= t[pos] & mask;
            x1 ^= t[pos + 1] & mask;
            x2 ^= t[pos + 2] & mask;
            x3 ^= t[pos + 3] & mask;
            y0 ^= t[pos + 4] & mask;
            y1 ^= t[pos + 5] & mask;
            y2 ^= t[pos + 6] & mask;
            y3 ^= t[pos + 7] & mask;
            pos += 2 * LIMBS;
        }
        return new Entry(point.getCurve(), new Fe(unpack(x0, x1, x2, x3)), new Fe(unpack(y0, y1, y2, y3)), one);
    }

    private static void pack(BigInteger value, long[] into, int at) {
        int[] ints = Nat256.fromBigInteger(value);
        for (int i = 0; i < LIMBS; i++) {
            into[at + i] = (ints[2 * i] & 0xFFFFFFFFL) | ((long) ints[2 * i + 1] << 32);
        }
    }

    private static int[] unpack(long a, long b, long c, long d) {
        return new int[] {(int) a, (int) (a >>> 32), (int) b, (int) (b >>> 32), (int) c, (int) (c >>> 32), (int) d,
            (int) (d >>> 32)};
    }

    /** A P-256 field element from its eight little-endian ints (Bouncy Castle's own representation). */
    private static final class Fe extends SecP256R1FieldElement {
        Fe(int[] x) {
            super(x);
        }
    }

    /**
     * An affine table entry, only ever the argument of Bouncy Castle's P-256 point arithmetic (which reads
     * its coordinates); the rare operation on it goes through a P-256 point made from it.
     */
    private static final class Entry extends ECPoint.AbstractFp {
        private final ECFieldElement one;

        Entry(ECCurve curve, ECFieldElement x, ECFieldElement y, ECFieldElement one) {
            super(curve, x, y, new ECFieldElement[] {one});
            this.one = one;
        }

        private ECPoint curvePoint() {
            return scaleX(one);
        }

        @Override
        protected ECPoint detach() {
            return curvePoint();
        }

        @Override
        public ECPoint add(ECPoint b) {
            return curvePoint().add(b);
        }

        @Override
        public ECPoint negate() {
            return curvePoint().negate();
        }

        @Override
        public ECPoint twice() {
            return curvePoint().twice();
        }
    }
}
