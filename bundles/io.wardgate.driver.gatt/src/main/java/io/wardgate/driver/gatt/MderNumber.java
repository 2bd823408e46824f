package io.wardgate.driver.gatt;

import io.wardgate.api.Decimal;
import io.wardgate.api.StatusFlag;
import java.util.Objects;

/**
 * An IEEE 11073-20601 SFLOAT or FLOAT as received: either a number (mantissa and exponent, the
 * device's precision) or one of the special values, never both.
 *
 * @param value the number, or null for a special value
 * @param special the special value, or null for a number
 */
public record MderNumber(Decimal value, Special special) {

    /** The reserved bit patterns of IEEE 11073-20601 numbers. */
    public enum Special {
        NAN(StatusFlag.INVALID),
        /** Not at this resolution: the value exists but cannot be represented. */
        NRES(StatusFlag.UNAVAILABLE),
        POSITIVE_INFINITY(StatusFlag.ABOVE_RANGE),
        NEGATIVE_INFINITY(StatusFlag.BELOW_RANGE),
        RESERVED(StatusFlag.INVALID);

        private final StatusFlag status;

        Special(StatusFlag status) {
            this.status = status;
        }

        /** The status a reading carries instead of this special value. */
        public StatusFlag status() {
            return status;
        }
    }

    public MderNumber {
        if ((value == null) == (special == null)) {
            throw new IllegalArgumentException("an MDER number is a value or a special, exactly one");
        }
    }

    // device-protocols.md: SFLOAT NaN 0x07FF, NRes 0x0800, +INF 0x07FE, -INF 0x0802, reserved 0x0801.
    private static final int SFLOAT_NAN = 0x07FF;
    private static final int SFLOAT_NRES = 0x0800;
    private static final int SFLOAT_PLUS_INF = 0x07FE;
    private static final int SFLOAT_MINUS_INF = 0x0802;
    private static final int SFLOAT_RESERVED = 0x0801;
    // device-protocols.md: FLOAT NaN 0x007FFFFF, NRes 0x00800000, +INF 0x007FFFFE, -INF 0x00800002,
    // reserved 0x00800001.
    private static final int FLOAT_NAN = 0x007FFFFF;
    private static final int FLOAT_NRES = 0x00800000;
    private static final int FLOAT_PLUS_INF = 0x007FFFFE;
    private static final int FLOAT_MINUS_INF = 0x00800002;
    private static final int FLOAT_RESERVED = 0x00800001;

    /** A 16-bit SFLOAT: 4-bit signed exponent (high nibble), 12-bit signed mantissa. */
    public static MderNumber sfloat(int raw) {
        int bits = raw & 0xFFFF;
        int mantissaBits = bits & 0x0FFF;
        // The specials are defined on the mantissa with exponent 0.
        if ((bits & 0xF000) == 0) {
            switch (mantissaBits) {
                case SFLOAT_NAN: return of(Special.NAN);
                case SFLOAT_NRES: return of(Special.NRES);
                case SFLOAT_PLUS_INF: return of(Special.POSITIVE_INFINITY);
                case SFLOAT_MINUS_INF: return of(Special.NEGATIVE_INFINITY);
                case SFLOAT_RESERVED: return of(Special.RESERVED);
                default: break;
            }
        }
        int mantissa = (mantissaBits << 20) >> 20;
        int exponent = ((bits >> 12) << 28) >> 28;
        return new MderNumber(Decimal.of(mantissa, exponent), null);
    }

    /** A 32-bit FLOAT: 8-bit signed exponent (high byte), 24-bit signed mantissa. */
    public static MderNumber float32(int raw) {
        int mantissaBits = raw & 0x00FFFFFF;
        if ((raw & 0xFF000000) == 0) {
            switch (mantissaBits) {
                case FLOAT_NAN: return of(Special.NAN);
                case FLOAT_NRES: return of(Special.NRES);
                case FLOAT_PLUS_INF: return of(Special.POSITIVE_INFINITY);
                case FLOAT_MINUS_INF: return of(Special.NEGATIVE_INFINITY);
                case FLOAT_RESERVED: return of(Special.RESERVED);
                default: break;
            }
        }
        int mantissa = (mantissaBits << 8) >> 8;
        int exponent = raw >> 24;
        return new MderNumber(Decimal.of(mantissa, exponent), null);
    }

    private static MderNumber of(Special special) {
        return new MderNumber(null, Objects.requireNonNull(special));
    }

    public static MderNumber of(Decimal value) {
        return new MderNumber(Objects.requireNonNull(value), null);
    }

    public boolean isNumber() {
        return value != null;
    }

    @Override
    public String toString() {
        return value != null ? value.toString() : special.name();
    }
}
