package io.wardgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every row of the table in shared/specs/nomenclature.md. */
class VitalSignTest {

    @Test
    void tableRowsAsPublished() {
        assertRow(VitalSign.HEART_RATE, 147842, "MDC_ECG_HEART_RATE", "8867-4", "/min", 264864);
        assertRow(VitalSign.SPO2, 150456, "MDC_PULS_OXIM_SAT_O2", "2708-6", "%", 262688);
        assertRow(VitalSign.PULSE_RATE, 149530, "MDC_PULS_OXIM_PULS_RATE", "8867-4", "/min", 264864);
        assertRow(VitalSign.NIBP, 150020, "MDC_PRESS_BLD_NONINV", "85354-9", "mm[Hg]", 266016);
        assertRow(VitalSign.NIBP_SYSTOLIC, 150021, "MDC_PRESS_BLD_NONINV_SYS", "8480-6", "mm[Hg]", 266016);
        assertRow(VitalSign.NIBP_DIASTOLIC, 150022, "MDC_PRESS_BLD_NONINV_DIA", "8462-4", "mm[Hg]", 266016);
        assertRow(VitalSign.NIBP_MEAN, 150023, "MDC_PRESS_BLD_NONINV_MEAN", "8478-0", "mm[Hg]", 266016);
        assertRow(VitalSign.BODY_TEMPERATURE, 150364, "MDC_TEMP_BODY", "8310-5", "Cel", 268192);
        assertRow(VitalSign.RESPIRATION_RATE, 151562, "MDC_RESP_RATE", "9279-1", "/min", 264928);
        assertRow(VitalSign.ETCO2, 151708, "MDC_CONC_AWAY_CO2_ET", "19889-5", "mm[Hg]", 266016);
    }

    @Test
    void intelliVueCodesMapArithmetically() {
        // nomenclature.md: MDC code = physio_id + 0x20000; MDC unit = unit_code + 0x40000.
        assertThat(VitalSign.byMdcCode(0x4182 + 0x20000)).contains(VitalSign.HEART_RATE);
        assertThat(VitalSign.byMdcCode(0x4BB8 + 0x20000)).contains(VitalSign.SPO2);
        assertThat(Unit.BEATS_PER_MINUTE.mdcCode()).isEqualTo(0x0AA0 + 0x40000);
        assertThat(Unit.PERCENT.mdcCode()).isEqualTo(0x0220 + 0x40000);
        assertThat(VitalSign.byMdcCode(1)).isEmpty();
    }

    private static void assertRow(VitalSign sign, int mdc, String refId, String loinc, String ucum, int mdcUnit) {
        assertThat(sign.metric()).isEqualTo(new Metric(mdc, refId, loinc));
        assertThat(sign.unit().ucum()).isEqualTo(ucum);
        assertThat(sign.unit().mdcCode()).isEqualTo(mdcUnit);
    }
}
