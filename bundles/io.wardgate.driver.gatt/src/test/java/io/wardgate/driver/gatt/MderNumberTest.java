package io.wardgate.driver.gatt;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.StatusFlag;
import org.junit.jupiter.api.Test;

class MderNumberTest {

    @Test
    void sfloatVectors() {
        // device-protocols.md:119 "SFLOAT 0xF014 = 2.0 (mantissa 20, exp -1); 0xE0C8 = 2.00 (200 x 10^-2); 0x0B2E = -1234"
        assertThat(MderNumber.sfloat(0xF014).value()).isEqualTo(Decimal.of(20, -1));
        assertThat(MderNumber.sfloat(0xF014).value().toString()).isEqualTo("2.0");
        assertThat(MderNumber.sfloat(0xE0C8).value()).isEqualTo(Decimal.of(200, -2));
        assertThat(MderNumber.sfloat(0xE0C8).value().toString()).isEqualTo("2.00");
        assertThat(MderNumber.sfloat(0x0B2E).value()).isEqualTo(Decimal.of(-1234, 0));
    }

    @Test
    void floatVector() {
        // device-protocols.md:120 "FLOAT 0xFE0000C8 = 2.00"
        assertThat(MderNumber.float32(0xFE0000C8).value()).isEqualTo(Decimal.of(200, -2));
    }

    @Test
    void sfloatSpecialsAreStatusesNeverNumbers() {
        // device-protocols.md:116 "Specials: NaN 0x07FF, NRes 0x0800, +INF 0x07FE, -INF 0x0802, reserved 0x0801."
        assertSpecial(MderNumber.sfloat(0x07FF), MderNumber.Special.NAN, StatusFlag.INVALID);
        assertSpecial(MderNumber.sfloat(0x0800), MderNumber.Special.NRES, StatusFlag.UNAVAILABLE);
        assertSpecial(MderNumber.sfloat(0x07FE), MderNumber.Special.POSITIVE_INFINITY, StatusFlag.ABOVE_RANGE);
        assertSpecial(MderNumber.sfloat(0x0802), MderNumber.Special.NEGATIVE_INFINITY, StatusFlag.BELOW_RANGE);
        assertSpecial(MderNumber.sfloat(0x0801), MderNumber.Special.RESERVED, StatusFlag.INVALID);
    }

    @Test
    void floatSpecialsAreStatusesNeverNumbers() {
        // device-protocols.md:118 "Specials: NaN 0x007FFFFF, NRes 0x00800000, +INF 0x007FFFFE, -INF 0x00800002, reserved 0x00800001."
        assertSpecial(MderNumber.float32(0x007FFFFF), MderNumber.Special.NAN, StatusFlag.INVALID);
        assertSpecial(MderNumber.float32(0x00800000), MderNumber.Special.NRES, StatusFlag.UNAVAILABLE);
        assertSpecial(MderNumber.float32(0x007FFFFE), MderNumber.Special.POSITIVE_INFINITY, StatusFlag.ABOVE_RANGE);
        assertSpecial(MderNumber.float32(0x00800002), MderNumber.Special.NEGATIVE_INFINITY, StatusFlag.BELOW_RANGE);
        assertSpecial(MderNumber.float32(0x00800001), MderNumber.Special.RESERVED, StatusFlag.INVALID);
    }

    @Test
    void specialPatternsWithANonZeroExponentAreOrdinaryNumbers() {
        assertThat(MderNumber.sfloat(0x17FF).value()).isEqualTo(Decimal.of(2047, 1));
        assertThat(MderNumber.float32(0x017FFFFF).value()).isEqualTo(Decimal.of(8_388_607, 1));
    }

    @Test
    void extremesOfTheRanges() {
        assertThat(MderNumber.sfloat(0x8800).value()).isEqualTo(Decimal.of(-2048, -8));
        assertThat(MderNumber.sfloat(0x77FD).value()).isEqualTo(Decimal.of(2045, 7));
        assertThat(MderNumber.float32(0x80800003).value()).isEqualTo(Decimal.of(-8_388_605, -128));
        assertThat(MderNumber.float32(0x7F7FFFFD).value()).isEqualTo(Decimal.of(8_388_605, 127));
    }

    @Test
    void everySfloatBitPatternIsAValueOrASpecial() {
        for (int raw = 0; raw <= 0xFFFF; raw++) {
            MderNumber number = MderNumber.sfloat(raw);
            assertThat(number.isNumber()).isNotEqualTo(number.special() != null);
        }
    }

    private static void assertSpecial(MderNumber number, MderNumber.Special special, StatusFlag status) {
        assertThat(number.isNumber()).isFalse();
        assertThat(number.value()).isNull();
        assertThat(number.special()).isEqualTo(special);
        assertThat(number.special().status()).isEqualTo(status);
        assertThat(status.meansNoValue()).isTrue();
    }
}
