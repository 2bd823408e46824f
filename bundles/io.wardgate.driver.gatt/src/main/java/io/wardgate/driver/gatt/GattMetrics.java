package io.wardgate.driver.gatt;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;

/**
 * MDC codes (IEEE 11073-10101) for what the GATT profiles measure beyond {@link io.wardgate.api.VitalSign}.
 * A full MDC code is partition &lt;&lt; 16 | term code (SCADA = 2, dimensions = 4, PHD health and fitness = 129).
 * Sources, checked through public reference material:
 * [DK] the Danish FHIR core IG value set IEEEBasicObservation (HL7 Denmark), which lists full codes;
 * [PHD] the IEEE 11073-104xx device specialisation headers of open PHD stacks (term codes and partitions);
 * [MII] the German MII cardiology IG examples (147240 MDC_ECG_TIME_PD_RR_GL).
 */
final class GattMetrics {
    private GattMetrics() {
    }

    private static final int SCADA = 2 << 16;
    private static final int DIM = 4 << 16;
    private static final int PHD_HF = 129 << 16;
    static final String LOINC_BODY_TEMPERATURE = "8310-5";

    // Temperature sites (Health Thermometer temperature type). [DK] lists TYMP 150392, RECT 188420,
    // ORAL 188424, EAR 188428, AXILLA 188452, GIT 188456; [PHD] (11073-10408) gives FINGER 57360 and
    // TOE 57376 in SCADA, from which the full codes below are computed (not found as full codes in a table).
    static final Metric TEMP_AXILLA = new Metric(188452, "MDC_TEMP_AXILLA", LOINC_BODY_TEMPERATURE);
    static final Metric TEMP_EAR = new Metric(188428, "MDC_TEMP_EAR", LOINC_BODY_TEMPERATURE);
    static final Metric TEMP_FINGER = new Metric(SCADA + 57360, "MDC_TEMP_FINGER", LOINC_BODY_TEMPERATURE);
    static final Metric TEMP_GIT = new Metric(188456, "MDC_TEMP_GIT", LOINC_BODY_TEMPERATURE);
    static final Metric TEMP_ORAL = new Metric(188424, "MDC_TEMP_ORAL", LOINC_BODY_TEMPERATURE);
    static final Metric TEMP_RECT = new Metric(188420, "MDC_TEMP_RECT", LOINC_BODY_TEMPERATURE);
    static final Metric TEMP_TOE = new Metric(SCADA + 57376, "MDC_TEMP_TOE", LOINC_BODY_TEMPERATURE);
    static final Metric TEMP_TYMP = new Metric(150392, "MDC_TEMP_TYMP", LOINC_BODY_TEMPERATURE);

    // Blood pressure cuff pulse rate: [DK] 149546 MDC_PULS_RATE_NON_INV.
    static final Metric PULSE_RATE_NON_INVASIVE = new Metric(149546, "MDC_PULS_RATE_NON_INV", "8867-4");

    // Heart Rate profile. RR interval: [MII] 147240, [PHD] 16168 in SCADA. Energy expended:
    // [PHD] MDC_HF_ENERGY = 119 in partition 129 (health and fitness); the partition arithmetic is
    // confirmed by [DK] listing MDC_HF_HR (114) as 8454258.
    static final Metric RR_INTERVAL = Metric.mdc(147240, "MDC_ECG_TIME_PD_RR_GL");
    static final Metric ENERGY_EXPENDED = Metric.mdc(PHD_HF + 119, "MDC_HF_ENERGY");

    // Pulse oximeter pulse amplitude index: [PHD] MDC_PULS_OXIM_PERF_REL 19376 in SCADA.
    static final Metric PULSE_AMPLITUDE_INDEX = Metric.mdc(SCADA + 19376, "MDC_PULS_OXIM_PERF_REL");

    // Weight scale: [DK] 188736 body mass, 188740 body height, 188752 BMI, with LOINC codes from the
    // same IG's LOINC value set (29463-7 body weight, 8302-2 body height, 39156-5 BMI).
    static final Metric BODY_MASS = new Metric(188736, "MDC_MASS_BODY_ACTUAL", "29463-7");
    static final Metric BODY_HEIGHT = new Metric(188740, "MDC_LEN_BODY_ACTUAL", "8302-2");
    static final Metric BODY_MASS_INDEX = new Metric(188752, "MDC_RATIO_MASS_BODY_LEN_SQ", "39156-5");

    // Glucose by sample type (GATT type nibble 1..10). [PHD] term codes in SCADA: GEN 28948,
    // CAPILLARY_WHOLEBLOOD 29112, CAPILLARY_PLASMA 29116, VENOUS_WHOLEBLOOD 29120, VENOUS_PLASMA 29124,
    // ARTERIAL_WHOLEBLOOD 29128, ARTERIAL_PLASMA 29132, CONTROL 29136, ISF 29140,
    // UNDETERMINED_WHOLEBLOOD 29292, UNDETERMINED_PLASMA 29296 (160368 also appears as a full code).
    // No LOINC: the right LOINC code depends on specimen and unit, which the gateway does not convert.
    static final Metric GLUCOSE_GENERAL = Metric.mdc(SCADA + 28948, "MDC_CONC_GLU_GEN");
    private static final Metric[] GLUCOSE_BY_TYPE = {
        GLUCOSE_GENERAL, // 0 reserved
        Metric.mdc(SCADA + 29112, "MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD"),
        Metric.mdc(SCADA + 29116, "MDC_CONC_GLU_CAPILLARY_PLASMA"),
        Metric.mdc(SCADA + 29120, "MDC_CONC_GLU_VENOUS_WHOLEBLOOD"),
        Metric.mdc(SCADA + 29124, "MDC_CONC_GLU_VENOUS_PLASMA"),
        Metric.mdc(SCADA + 29128, "MDC_CONC_GLU_ARTERIAL_WHOLEBLOOD"),
        Metric.mdc(SCADA + 29132, "MDC_CONC_GLU_ARTERIAL_PLASMA"),
        Metric.mdc(SCADA + 29292, "MDC_CONC_GLU_UNDETERMINED_WHOLEBLOOD"),
        Metric.mdc(SCADA + 29296, "MDC_CONC_GLU_UNDETERMINED_PLASMA"),
        Metric.mdc(SCADA + 29140, "MDC_CONC_GLU_ISF"),
        Metric.mdc(SCADA + 29136, "MDC_CONC_GLU_CONTROL"),
    };

    static Metric glucose(int type) {
        return type < GLUCOSE_BY_TYPE.length ? GLUCOSE_BY_TYPE[type] : GLUCOSE_GENERAL;
    }

    // Units. [PHD] dimension term codes: MDC_DIM_X_M 1280, MDC_DIM_INCH 1376, MDC_DIM_KG_PER_M_SQ 1952
    // (264096 also appears as a full code in PHD HL7 messages), MDC_DIM_X_JOULES 3968.
    static final Unit METRE = new Unit("m", DIM + 1280, "MDC_DIM_X_M");
    static final Unit INCH = new Unit("[in_i]", DIM + 1376, "MDC_DIM_INCH");
    static final Unit KG_PER_M2 = new Unit("kg/m2", DIM + 1952, "MDC_DIM_KG_PER_M_SQ");
    // Kilojoule: X_JOULES 3968 plus the kilo prefix 3 (the rule that makes MDC_DIM_KILO_G 1731 from
    // MDC_DIM_X_G 1728). Derived, not found in a published table: treat as unverified.
    static final Unit KILOJOULE = new Unit("kJ", DIM + 3968 + 3, "MDC_DIM_KILO_JOULES");
    // Glucose concentration as the device sends it (GATT: kg/L or mol/L). No MDC unit code was found
    // for these two; the reading keeps the UCUM code alone and the backend converts (mg/dL = kg/L x 1e5).
    static final Unit KG_PER_L = new Unit("kg/L", 0, "");
    static final Unit MOL_PER_L = new Unit("mol/L", 0, "");
}
