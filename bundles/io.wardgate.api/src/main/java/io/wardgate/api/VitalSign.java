package io.wardgate.api;

import java.util.Optional;

/**
 * The vital signs every reading is tagged with, from the nomenclature table
 * (shared/specs/nomenclature.md: IEEE 11073-10101, LOINC, UCUM).
 */
public enum VitalSign {
    HEART_RATE(147842, "MDC_ECG_HEART_RATE", "8867-4", Unit.BEATS_PER_MINUTE),
    SPO2(150456, "MDC_PULS_OXIM_SAT_O2", "2708-6", Unit.PERCENT),
    PULSE_RATE(149530, "MDC_PULS_OXIM_PULS_RATE", "8867-4", Unit.BEATS_PER_MINUTE),
    NIBP(150020, "MDC_PRESS_BLD_NONINV", "85354-9", Unit.MMHG),
    NIBP_SYSTOLIC(150021, "MDC_PRESS_BLD_NONINV_SYS", "8480-6", Unit.MMHG),
    NIBP_DIASTOLIC(150022, "MDC_PRESS_BLD_NONINV_DIA", "8462-4", Unit.MMHG),
    NIBP_MEAN(150023, "MDC_PRESS_BLD_NONINV_MEAN", "8478-0", Unit.MMHG),
    BODY_TEMPERATURE(150364, "MDC_TEMP_BODY", "8310-5", Unit.CELSIUS),
    RESPIRATION_RATE(151562, "MDC_RESP_RATE", "9279-1", Unit.RESPIRATIONS_PER_MINUTE),
    ETCO2(151708, "MDC_CONC_AWAY_CO2_ET", "19889-5", Unit.MMHG);

    private final Metric metric;
    private final Unit unit;

    VitalSign(int mdcCode, String referenceId, String loinc, Unit unit) {
        this.metric = new Metric(mdcCode, referenceId, loinc);
        this.unit = unit;
    }

    public Metric metric() {
        return metric;
    }

    /** The unit the table names; a device may report another (e.g. kPa), which the reading keeps. */
    public Unit unit() {
        return unit;
    }

    public static Optional<VitalSign> byMdcCode(int mdcCode) {
        for (VitalSign sign : values()) {
            if (sign.metric.mdcCode() == mdcCode) {
                return Optional.of(sign);
            }
        }
        return Optional.empty();
    }
}
