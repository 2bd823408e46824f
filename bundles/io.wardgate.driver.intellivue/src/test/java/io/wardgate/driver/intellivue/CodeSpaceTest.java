package io.wardgate.driver.intellivue;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.CodeSpace;
import io.wardgate.api.nomenclature.Nomenclature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #19 item 1: everything the IntelliVue decoder can emit carries a public name. Numerics and
 * waves take their metric and unit only from {@link Codes}, so walking every physio id and every unit
 * code (16 bits each) walks the driver's whole code space.
 */
class CodeSpaceTest {

    @Test
    void everyCodeTheDriverCanEmitIsNamedWithoutPlaceholders() {
        List<Metric> metrics = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        for (int id = 0; id <= 0xFFFF; id++) {
            Codes.metric(id).ifPresent(metrics::add);
            Codes.unit(id).ifPresent(units::add);
        }
        CodeSpace.requireClean(metrics, units);
        assertThat(metrics).noneMatch(CodeSpace::isPrivate);
    }

    @Test
    void whatARealMonitorSendsIsInTheCodeSpace() {
        // nomenclature.md: ST levels of each lead (in mm), PVC counts, pleth pulse rate, perfusion
        // indicator, several ECG leads and pressure waves; physio ids from the IntelliVue nomenclature.
        int[] sent = {0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0305, 0x0306, 0x0307, 0x0308, 0x033D, 0x033E, 0x033F,
            0x0340, 0x0343, 0x034B, 0x0364, 0x0365, 0x0366, 0x4261, 0x4262, 0x4822, 0x4BB0, 0x0101, 0x0102, 0x0103,
            0x0104, 0x0105, 0x0106, 0x0107, 0x0108, 0x013D, 0x013E, 0x013F, 0x0140, 0x4A10, 0x4A14, 0x4A24, 0x4A44,
            0x4A30, 0x4A47, 0x4182, 0x4BB8, 0x500A, 0x50B0, 0x4B48, 0x4BB4};
        for (int id : sent) {
            assertThat(Codes.metric(id)).as("physio id 0x%04X", id).isPresent();
        }
        assertThat(Codes.metric(0x0302).orElseThrow().referenceId()).isEqualTo("MDC_ECG_AMPL_ST_II");
        // units: mm for ST, ms for QT, /min, %, mmHg, kPa, Cel, mV, cmH2O, mL, L/min
        for (int unit : new int[] {0x0512, 0x0892, 0x09E0, 0x0AA0, 0x0AE0, 0x0220, 0x0F20, 0x0F03, 0x17A0, 0x10B2,
            0x0F40, 0x0652, 0x0C00}) {
            assertThat(Codes.unit(unit)).as("unit 0x%04X", unit).isPresent();
        }
        assertThat(Codes.unit(0x0512).orElseThrow().ucum()).isEqualTo("mm");
    }

    @Test
    void everyIntelliVueTermOfTheTableIsReachable() {
        Nomenclature table = Nomenclature.standard();
        long intellivue = table.terms().values().stream().filter(t -> t.source().startsWith("IntelliVue physio_id"))
                .filter(t -> Codes.metric(t.metric().mdcCode() - 0x20000).isEmpty()).count();
        assertThat(intellivue).isZero();
    }
}
