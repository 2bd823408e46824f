package io.wardgate.driver.medibus;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.CodeSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #19 item 1: every code the MEDIBUS driver can emit (every code 00..FF of code pages 1 and 2,
 * of the settings and of the realtime curves: all go through {@link MedibusCodes}) is a named term of
 * the nomenclature table or a WardGate-private term in 11073-10101's private range, and every unit
 * carries UCUM and its MDC unit code.
 */
class CodeSpaceTest {

    @Test
    void everyCodeOfEveryPageIsATableTermOrAPrivateOne() {
        List<Metric> metrics = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        for (int page : new int[] {MedibusCodes.PAGE_1, MedibusCodes.PAGE_2, MedibusCodes.SETTINGS,
            MedibusCodes.REALTIME}) {
            for (int code = 0; code < 256; code++) {
                MedibusCodes.Term term = MedibusCodes.term(page, code);
                metrics.add(term.metric());
                units.add(term.unit());
            }
        }
        CodeSpace.requireClean(metrics, units);
        assertThat(metrics).allMatch(m -> !m.referenceId().startsWith(CodeSpace.PRIVATE_PREFIX)
                || m.referenceId().startsWith(CodeSpace.PRIVATE_PREFIX + "MEDIBUS_"));
    }

    @Test
    void ventilationValuesWithAPublicTermCarryIt() {
        // Draeger code page 1: 7D peak, 73 mean, 74 plateau, 78 PEEP, 88 VT, B9 MV, F0 FiO2 (Evita 4 table).
        assertThat(MedibusCodes.term(MedibusCodes.PAGE_1, 0x7D).metric().referenceId()).isEqualTo("MDC_PRESS_AWAY_INSP_MAX");
        assertThat(MedibusCodes.term(MedibusCodes.PAGE_1, 0x78).metric().referenceId())
                .isEqualTo("MDC_VENT_PRESS_AWAY_END_EXP_POS");
        assertThat(MedibusCodes.term(MedibusCodes.PAGE_1, 0x88).unit()).isEqualTo(new Unit("mL", 263762, "MDC_DIM_MILLI_L"));
        assertThat(MedibusCodes.term(MedibusCodes.PAGE_1, 0x7D).unit().ucum()).isEqualTo("mbar");
        assertThat(MedibusCodes.term(MedibusCodes.PAGE_1, 0x8A).metric())
                .isEqualTo(Metric.mdc(0x2F18A, "MDC_PRIV_WARDGATE_MEDIBUS_CP1_8A"));
        assertThat(MedibusCodes.term(MedibusCodes.REALTIME, 0x00).metric().referenceId()).isEqualTo("MDC_PRESS_AWAY");
    }
}
