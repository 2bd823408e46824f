package io.wardgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecimalTest {

    @Test
    void keepsTheDevicesPrecision() {
        // nomenclature.md: keep the device's own precision (mantissa + exponent) through the pipeline.
        Decimal spo2 = Decimal.parse("98.0");
        assertThat(spo2).isEqualTo(Decimal.of(980, -1));
        assertThat(spo2.toString()).isEqualTo("98.0");
        assertThat(spo2).isNotEqualTo(Decimal.ofInteger(98));
        assertThat(Decimal.of(3760, -2).toString()).isEqualTo("37.60");
        assertThat(Decimal.of(-1234, 0).toDouble()).isEqualTo(-1234.0);
    }

    @Test
    void ieeeFloatExponentRange() {
        assertThat(Decimal.of(1, -128).exponent()).isEqualTo(-128);
        assertThatThrownBy(() -> Decimal.of(1, 128)).hasMessageContaining("exponent");
        assertThatThrownBy(() -> Decimal.of(1_000_000_000_000_000_000L, 0)).hasMessageContaining("mantissa");
    }

    @Test
    void rejectsWhatIsNotAPlainDecimal() {
        assertThatThrownBy(() -> Decimal.parse("--.-")).hasMessageContaining("not a plain decimal");
        assertThatThrownBy(() -> Decimal.parse("1e5")).hasMessageContaining("not a plain decimal");
        assertThatThrownBy(() -> Decimal.parse("9".repeat(41))).hasMessageContaining("longer than");
        assertThatThrownBy(() -> Decimal.parse("9".repeat(20))).hasMessageContaining("too many digits");
    }
}
