package io.wardgate.web.ui;

import io.wardgate.api.Metric;
import io.wardgate.api.VitalSign;
import java.util.Map;

/** Names people read for the metrics (IEEE 11073 reference ids), with the reference id as the fallback. */
final class MetricNames {
    private static final Map<VitalSign, String> NAMES = Map.of(
            VitalSign.HEART_RATE, "Heart rate", VitalSign.SPO2, "SpO\u2082", VitalSign.PULSE_RATE, "Pulse rate",
            VitalSign.NIBP, "NIBP", VitalSign.NIBP_SYSTOLIC, "NIBP systolic", VitalSign.NIBP_DIASTOLIC, "NIBP diastolic",
            VitalSign.NIBP_MEAN, "NIBP mean", VitalSign.BODY_TEMPERATURE, "Temperature",
            VitalSign.RESPIRATION_RATE, "Respiration rate", VitalSign.ETCO2, "EtCO\u2082");

    /** Further metrics the drivers deliver, by reference id. */
    private static final Map<String, String> BY_REFERENCE = Map.ofEntries(
            Map.entry("MDC_PULS_OXIM_PERF_REL", "Perfusion index"), Map.entry("MDC_PULS_OXIM_PLETH", "Pleth"),
            Map.entry("MDC_CONC_HB_MET_GEN", "SpMet (methaemoglobin)"), Map.entry("MDC_CONC_HB_CO_GEN", "SpCO (carboxyhaemoglobin)"),
            Map.entry("MDC_PRIV_WARDGATE_MASIMO_PVI", "PVi (pleth variability)"),
            Map.entry("MDC_PRIV_WARDGATE_MASIMO_DESAT", "Desaturation index"),
            Map.entry("MDC_PRIV_WARDGATE_MASIMO_PIDELTA", "PI delta"), Map.entry("MDC_ECG_TIME_PD_RR_GL", "RR interval"),
            Map.entry("MDC_ECG_ELEC_POTL_II", "ECG lead II"), Map.entry("MDC_PULS_RATE_NON_INV", "Pulse rate (NIBP)"),
            Map.entry("MDC_AWAY_CO2_ET", "EtCO\u2082"), Map.entry("MDC_TEMP", "Temperature"),
            Map.entry("MDC_TEMP_AXILLA", "Temperature (axilla)"), Map.entry("MDC_TEMP_EAR", "Temperature (ear)"),
            Map.entry("MDC_TEMP_FINGER", "Temperature (finger)"), Map.entry("MDC_TEMP_GIT", "Temperature (GI tract)"),
            Map.entry("MDC_TEMP_ORAL", "Temperature (oral)"), Map.entry("MDC_TEMP_RECT", "Temperature (rectal)"),
            Map.entry("MDC_MASS_BODY_ACTUAL", "Body weight"), Map.entry("MDC_LEN_BODY_ACTUAL", "Body height"),
            Map.entry("MDC_RATIO_MASS_BODY_LEN_SQ", "BMI"), Map.entry("MDC_CONC_GLU_GEN", "Glucose"),
            Map.entry("MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", "Glucose (capillary)"),
            Map.entry("MDC_CONC_GLU_CAPILLARY_PLASMA", "Glucose (capillary plasma)"),
            Map.entry("MDC_CONC_GLU_VENOUS_WHOLEBLOOD", "Glucose (venous)"),
            Map.entry("MDC_CONC_GLU_ARTERIAL_WHOLEBLOOD", "Glucose (arterial)"), Map.entry("MDC_CONC_GLU_ISF", "Glucose (interstitial)"),
            Map.entry("MDC_CONC_GLU_CONTROL", "Glucose (control solution)"));
    /** IntelliVue codes the driver could not name (Codes.UNVERIFIED_PREFIX in the protocol bundle). */
    private static final String INTELLIVUE_UNVERIFIED = "MDC_IV_";

    private MetricNames() {
    }

    static String name(Metric metric) {
        return VitalSign.byMdcCode(metric.mdcCode()).map(NAMES::get).orElseGet(() -> readable(metric.referenceId()));
    }

    /** By reference id or MDC code as text (group metric lists); the input when unknown. */
    static String name(String referenceIdOrCode) {
        for (VitalSign sign : VitalSign.values()) {
            if (sign.metric().referenceId().equals(referenceIdOrCode)
                    || String.valueOf(sign.metric().mdcCode()).equals(referenceIdOrCode)) {
                return NAMES.get(sign);
            }
        }
        return readable(referenceIdOrCode);
    }

    /** "MDC_PRESS_CUFF" reads as "press cuff (MDC_PRESS_CUFF)": still findable, no longer a bare code. */
    private static String readable(String referenceId) {
        if (referenceId == null || !referenceId.startsWith("MDC_")) {
            return referenceId;
        }
        if (BY_REFERENCE.containsKey(referenceId)) {
            return BY_REFERENCE.get(referenceId);
        }
        if (referenceId.startsWith(INTELLIVUE_UNVERIFIED)) {
            return "IntelliVue code " + referenceId.substring(INTELLIVUE_UNVERIFIED.length()) + " (not named)";
        }
        String words = referenceId.substring(4).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " (" + referenceId + ")";
    }
}
