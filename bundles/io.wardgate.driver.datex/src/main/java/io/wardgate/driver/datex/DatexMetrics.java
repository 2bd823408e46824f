package io.wardgate.driver.datex;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.nomenclature.Nomenclature;

/**
 * The IEEE 11073-10101 terms the Datex driver tags its readings with, each taken from the shared
 * nomenclature table (io.wardgate.api.nomenclature) by its code, so names, LOINC and units are the
 * table's. Codes are partition 2 (SCADA): 0x20000 + term code. Invasive pressures are named by the
 * channel's label (ART, ABP, PA, CVP); other labels get the generic blood pressure terms.
 */
final class DatexMetrics {
    private static final Nomenclature TABLE = Nomenclature.standard();

    static final Metric ECG_HEART_RATE = VitalSign.HEART_RATE.metric();
    static final Metric NIBP_SYS = VitalSign.NIBP_SYSTOLIC.metric();
    static final Metric NIBP_DIA = VitalSign.NIBP_DIASTOLIC.metric();
    static final Metric NIBP_MEAN = VitalSign.NIBP_MEAN.metric();
    /** The site label of T1..T4 is not mapped: generic MDC_TEMP (nomenclature table: generic 150344). */
    static final Metric TEMPERATURE = TABLE.metricOf(150344);
    static final Metric SPO2 = VitalSign.SPO2.metric();
    static final Metric SPO2_PULSE_RATE = VitalSign.PULSE_RATE.metric();
    static final Metric ETCO2 = VitalSign.ETCO2.metric();
    /** MDC_CONC_AWAY_CO2_INSP: term 0x50A4 + 0x20000. */
    static final Metric FICO2 = TABLE.metricOf(151716);
    static final Metric RESP_RATE = VitalSign.RESPIRATION_RATE.metric();

    static final Metric WAVE_ECG = TABLE.metricOf(131328);
    static final Metric WAVE_PLETH = TABLE.metricOf(150452);
    static final Metric WAVE_PRESSURE = TABLE.metricOf(150016);
    /** MDC_AWAY_CO2: term 0x50AC + 0x20000 (IntelliVue NOM_AWAY_CO2). */
    static final Metric WAVE_CO2 = TABLE.metricOf(151724);

    static final Unit MICROVOLT = TABLE.unitOf(266419);

    /** Systolic, diastolic and mean of one invasive pressure label. */
    record Pressure(String name, Metric systolic, Metric diastolic, Metric mean) {
    }

    static final Pressure ART = pressure("ART", 150032);
    static final Pressure ABP = pressure("ABP", 150036);
    static final Pressure PA = pressure("PA", 150044);
    static final Pressure CVP = pressure("CVP", 150084);
    static final Pressure GENERIC = pressure("P", 150016);

    private DatexMetrics() {
    }

    /** By the p_group label (DRI specification table 3-16: 1 ART, 2 CVP, 3 PA, 8 ABP). */
    static Pressure pressure(int label) {
        return switch (label) {
            case 1 -> ART;
            case 2 -> CVP;
            case 3 -> PA;
            case 8 -> ABP;
            default -> GENERIC;
        };
    }

    /** The table's systolic, diastolic and mean terms follow the pressure's own term (+1, +2, +3). */
    private static Pressure pressure(String name, int base) {
        return new Pressure(name, TABLE.metricOf(base + 1), TABLE.metricOf(base + 2), TABLE.metricOf(base + 3));
    }
}
