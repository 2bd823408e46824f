package io.wardgate.driver.gatt;

import io.wardgate.api.Decimal;
import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.Nomenclature;

/**
 * MDC codes (IEEE 11073-10101) for what the GATT profiles measure beyond {@link io.wardgate.api.VitalSign}.
 * A full MDC code is partition &lt;&lt; 16 | term code (SCADA = 2, dimensions = 4, PHD health and fitness = 129).
 * Sources, checked through public reference material:
 * [DK] the Danish FHIR core IG value set IEEEBasicObservation (HL7 Denmark), which lists full codes;
 * [PHD] the IEEE 11073-104xx device specialisation headers of open PHD stacks (term codes and partitions);
 * [MII] the German MII cardiology IG examples (147240 MDC_ECG_TIME_PD_RR_GL).
 * Each term (name, LOINC) and unit (UCUM) is taken by its code from the shared nomenclature table
 * (io.wardgate.api.nomenclature), which fails at class loading on a code it does not have.
 */
final class GattMetrics {
    private static final Nomenclature TABLE = Nomenclature.standard();

    private GattMetrics() {
    }

    private static final int SCADA = 2 << 16;
    private static final int DIM = 4 << 16;
    private static final int PHD_HF = 129 << 16;
    static final String LOINC_BODY_TEMPERATURE = "8310-5";

    // Temperature sites (Health Thermometer temperature type). [DK] lists TYMP 150392, RECT 188420,
    // ORAL 188424, EAR 188428, AXILLA 188452, GIT 188456; [PHD] (11073-10408) gives FINGER 57360 and
    // TOE 57376 in SCADA, from which the full codes below are computed (not found as full codes in a table).
    static final Metric TEMP_AXILLA = TABLE.metricOf(188452);
    static final Metric TEMP_EAR = TABLE.metricOf(188428);
    static final Metric TEMP_FINGER = TABLE.metricOf(SCADA + 57360);
    static final Metric TEMP_GIT = TABLE.metricOf(188456);
    static final Metric TEMP_ORAL = TABLE.metricOf(188424);
    static final Metric TEMP_RECT = TABLE.metricOf(188420);
    static final Metric TEMP_TOE = TABLE.metricOf(SCADA + 57376);
    static final Metric TEMP_TYMP = TABLE.metricOf(150392);

    // Blood pressure cuff pulse rate: [DK] 149546 MDC_PULS_RATE_NON_INV.
    static final Metric PULSE_RATE_NON_INVASIVE = TABLE.metricOf(149546);

    // Heart Rate profile. RR interval: [MII] 147240, [PHD] 16168 in SCADA. Energy expended:
    // [PHD] MDC_HF_ENERGY = 119 in partition 129 (health and fitness); the partition arithmetic is
    // confirmed by [DK] listing MDC_HF_HR (114) as 8454258.
    static final Metric RR_INTERVAL = TABLE.metricOf(147240);
    static final Metric ENERGY_EXPENDED = TABLE.metricOf(PHD_HF + 119);

    // Pulse oximeter pulse amplitude index: [PHD] MDC_PULS_OXIM_PERF_REL 19376 in SCADA.
    static final Metric PULSE_AMPLITUDE_INDEX = TABLE.metricOf(SCADA + 19376);

    // Weight scale: [DK] 188736 body mass, 188740 body height, 188752 BMI, with LOINC codes from the
    // same IG's LOINC value set (29463-7 body weight, 8302-2 body height, 39156-5 BMI).
    static final Metric BODY_MASS = TABLE.metricOf(188736);
    static final Metric BODY_HEIGHT = TABLE.metricOf(188740);
    static final Metric BODY_MASS_INDEX = TABLE.metricOf(188752);

    // Glucose by sample type (GATT type nibble 1..10). [PHD] term codes in SCADA: GEN 28948,
    // CAPILLARY_WHOLEBLOOD 29112, CAPILLARY_PLASMA 29116, VENOUS_WHOLEBLOOD 29120, VENOUS_PLASMA 29124,
    // ARTERIAL_WHOLEBLOOD 29128, ARTERIAL_PLASMA 29132, CONTROL 29136, ISF 29140,
    // UNDETERMINED_WHOLEBLOOD 29292, UNDETERMINED_PLASMA 29296 (160368 also appears as a full code).
    // No LOINC: the right LOINC code depends on specimen and unit, which the gateway does not convert.
    static final Metric GLUCOSE_GENERAL = TABLE.metricOf(SCADA + 28948);
    private static final Metric[] GLUCOSE_BY_TYPE = {
        GLUCOSE_GENERAL, // 0 reserved
        TABLE.metricOf(SCADA + 29112),
        TABLE.metricOf(SCADA + 29116),
        TABLE.metricOf(SCADA + 29120),
        TABLE.metricOf(SCADA + 29124),
        TABLE.metricOf(SCADA + 29128),
        TABLE.metricOf(SCADA + 29132),
        TABLE.metricOf(SCADA + 29292),
        TABLE.metricOf(SCADA + 29296),
        TABLE.metricOf(SCADA + 29140),
        TABLE.metricOf(SCADA + 29136),
    };

    static Metric glucose(int type) {
        return type < GLUCOSE_BY_TYPE.length ? GLUCOSE_BY_TYPE[type] : GLUCOSE_GENERAL;
    }

    // Units. [PHD] dimension term codes: MDC_DIM_X_M 1280, MDC_DIM_INCH 1376, MDC_DIM_KG_PER_M_SQ 1952
    // (264096 also appears as a full code in PHD HL7 messages), MDC_DIM_X_JOULES 3968.
    static final Unit METRE = TABLE.unitOf(DIM + 1280);
    static final Unit INCH = TABLE.unitOf(DIM + 1376);
    static final Unit KG_PER_M2 = TABLE.unitOf(DIM + 1952);
    // Kilojoule: X_JOULES 3968 plus the kilo prefix 3 (the rule that makes MDC_DIM_KILO_G 1731 from
    // MDC_DIM_X_G 1728). Derived, not found in a published table: treat as unverified.
    static final Unit KILOJOULE = TABLE.unitOf(DIM + 3968 + 3);
    // Glucose concentration: GATT sends kg/L or mol/L; IEEE 11073-10417 (the glucose meter the PHD IG
    // maps the profile onto) reports MDC_DIM_MILLI_G_PER_DL and MDC_DIM_MILLI_MOLE_PER_L. The value is
    // carried over exactly by moving its decimal exponent: mg/dL = kg/L x 10^5, mmol/L = mol/L x 10^3.
    static final Unit MG_PER_DL = TABLE.unitOf(DIM + 2130);
    static final Unit MMOL_PER_L = TABLE.unitOf(DIM + 4722);

    /** A GATT glucose concentration in the table's unit (exact: only the decimal exponent moves). */
    static MderNumber glucoseInTableUnit(MderNumber amount, boolean molar) {
        if (!amount.isNumber()) {
            return amount;
        }
        Decimal value = amount.value();
        return new MderNumber(Decimal.of(value.mantissa(), value.exponent() + (molar ? 3 : 5)), null);
    }
}
