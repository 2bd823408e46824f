package io.wardgate.driver.datex;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;

/**
 * The IEEE 11073-10101 terms the Datex driver tags its readings with. Codes are partition 2 (SCADA):
 * 0x20000 + term code; the term codes are the ones the IntelliVue export uses for the same quantities
 * (its physio ids are 10101 term codes), and the vital signs come from the shared table (VitalSign).
 * Invasive pressures are named by the channel's label (ART, ABP, PA, CVP); other labels get the generic
 * blood pressure terms.
 */
final class DatexMetrics {
    static final Metric ECG_HEART_RATE = VitalSign.HEART_RATE.metric();
    static final Metric NIBP_SYS = VitalSign.NIBP_SYSTOLIC.metric();
    static final Metric NIBP_DIA = VitalSign.NIBP_DIASTOLIC.metric();
    static final Metric NIBP_MEAN = VitalSign.NIBP_MEAN.metric();
    /** The site label of T1..T4 is not mapped: generic MDC_TEMP (nomenclature table: generic 150344). */
    static final Metric TEMPERATURE = Metric.mdc(150344, "MDC_TEMP");
    static final Metric SPO2 = VitalSign.SPO2.metric();
    static final Metric SPO2_PULSE_RATE = VitalSign.PULSE_RATE.metric();
    static final Metric ETCO2 = VitalSign.ETCO2.metric();
    /** MDC_CONC_AWAY_CO2_INSP: term 0x50A4 + 0x20000; unverified against RTMMS. */
    static final Metric FICO2 = Metric.mdc(151716, "MDC_CONC_AWAY_CO2_INSP");
    static final Metric RESP_RATE = VitalSign.RESPIRATION_RATE.metric();

    static final Metric WAVE_ECG = Metric.mdc(131328, "MDC_ECG_ELEC_POTL");
    static final Metric WAVE_PLETH = Metric.mdc(150452, "MDC_PULS_OXIM_PLETH");
    static final Metric WAVE_PRESSURE = Metric.mdc(150016, "MDC_PRESS_BLD");
    /** MDC_AWAY_CO2: term 0x50AC + 0x20000 (IntelliVue NOM_AWAY_CO2); unverified against RTMMS. */
    static final Metric WAVE_CO2 = Metric.mdc(151724, "MDC_AWAY_CO2");

    static final Unit MICROVOLT = new Unit("uV", 266419, "MDC_DIM_MICRO_VOLT");

    /** Systolic, diastolic and mean of one invasive pressure label. */
    record Pressure(String name, Metric systolic, Metric diastolic, Metric mean) {
    }

    static final Pressure ART = pressure("ART", 150032, "MDC_PRESS_BLD_ART");
    static final Pressure ABP = pressure("ABP", 150036, "MDC_PRESS_BLD_ART_ABP");
    static final Pressure PA = pressure("PA", 150044, "MDC_PRESS_BLD_ART_PULM");
    static final Pressure CVP = pressure("CVP", 150084, "MDC_PRESS_BLD_VEN_CENT");
    static final Pressure GENERIC = pressure("P", 150016, "MDC_PRESS_BLD");

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

    private static Pressure pressure(String name, int base, String referenceId) {
        return new Pressure(name, Metric.mdc(base + 1, referenceId + "_SYS"), Metric.mdc(base + 2, referenceId + "_DIA"),
                Metric.mdc(base + 3, referenceId + "_MEAN"));
    }
}
