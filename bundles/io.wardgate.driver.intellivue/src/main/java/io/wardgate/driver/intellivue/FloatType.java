package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.Decimal;
import io.wardgate.api.StatusFlag;

/**
 * IntelliVue FLOAT-Type (the IEEE 11073-20601 FLOAT): signed 8-bit exponent in the high byte, signed
 * 24-bit mantissa below it, value = mantissa x 10^exponent. The specials are statuses, never numbers.
 *
 * @param value the number with the device's precision, or null for a special
 * @param special what the special means, or null for a number
 */
record FloatType(Decimal value, StatusFlag special) {

    static FloatType decode(int raw) {
        return switch (raw) {
            // NaN is "not a number", NRes "not at this resolution" (and the reserved code): no usable value
            case FLOAT_NAN, FLOAT_NRES, FLOAT_RESERVED -> new FloatType(null, StatusFlag.INVALID);
            case FLOAT_POSITIVE_INFINITY -> new FloatType(null, StatusFlag.ABOVE_RANGE);
            case FLOAT_NEGATIVE_INFINITY -> new FloatType(null, StatusFlag.BELOW_RANGE);
            default -> new FloatType(Decimal.of((raw << 8) >> 8, raw >> 24), null);
        };
    }

    boolean isNumber() {
        return value != null;
    }
}
