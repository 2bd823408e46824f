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
        String words = referenceId.substring(4).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " (" + referenceId + ")";
    }
}
