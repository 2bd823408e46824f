package io.wardgate.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A number as the device sent it: mantissa times ten to the exponent. 98.0 and 98 are different
 * values, because the device said something different about its precision.
 *
 * @param mantissa at most 18 decimal digits
 * @param exponent from -128 to 127 (the range of IEEE 11073 FLOAT)
 */
public record Decimal(long mantissa, int exponent) {
    static final long MAX_MANTISSA = 999_999_999_999_999_999L;
    static final int MAX_TEXT = 40;
    // Compiled once: every value of every reading is parsed here (String.matches compiled it per call).
    private static final Pattern PLAIN = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    public Decimal {
        if (mantissa > MAX_MANTISSA || mantissa < -MAX_MANTISSA) {
            throw new IllegalArgumentException("mantissa has more than 18 digits: " + mantissa);
        }
        if (exponent < -128 || exponent > 127) {
            throw new IllegalArgumentException("exponent out of range -128..127: " + exponent);
        }
    }

    public static Decimal of(long mantissa, int exponent) {
        return new Decimal(mantissa, exponent);
    }

    public static Decimal ofInteger(long value) {
        return new Decimal(value, 0);
    }

    /** Parses a plain decimal such as "98", "-0.5" or "37.60", keeping every digit given. */
    public static Decimal parse(String text) {
        Checks.printable(text, "decimal", MAX_TEXT);
        if (!PLAIN.matcher(text).matches()) {
            throw new IllegalArgumentException("not a plain decimal: '" + Checks.shorten(text) + "'");
        }
        BigDecimal parsed = new BigDecimal(text);
        BigInteger unscaled = parsed.unscaledValue();
        if (unscaled.bitLength() > 63) {
            throw new IllegalArgumentException("too many digits: '" + Checks.shorten(text) + "'");
        }
        return new Decimal(unscaled.longValueExact(), -parsed.scale());
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(mantissa, -exponent);
    }

    public double toDouble() {
        return toBigDecimal().doubleValue();
    }

    /** Plain notation with the device's number of decimals, e.g. "98.0". */
    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
