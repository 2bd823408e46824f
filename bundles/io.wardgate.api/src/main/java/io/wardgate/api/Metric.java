package io.wardgate.api;

import java.util.regex.Pattern;

/**
 * What was measured: its IEEE 11073-10101 code (primary) and LOINC code (secondary, for FHIR).
 *
 * @param mdcCode the MDC code, e.g. 150456 for MDC_PULS_OXIM_SAT_O2
 * @param referenceId the MDC reference id, e.g. "MDC_PULS_OXIM_SAT_O2"
 * @param loinc the LOINC code, e.g. "2708-6"; empty when the metric has none
 */
public record Metric(int mdcCode, String referenceId, String loinc) {
    private static final Pattern REFERENCE_ID = Pattern.compile("MDC_[A-Z0-9_]{1,60}");
    private static final Pattern LOINC = Pattern.compile("([0-9]{1,7}-[0-9])?");

    public Metric {
        if (mdcCode <= 0) {
            throw new IllegalArgumentException("MDC code must be positive: " + mdcCode);
        }
        Checks.matches(referenceId, "referenceId", REFERENCE_ID, "MDC_ followed by capitals, digits or _");
        Checks.matches(loinc, "loinc", LOINC, "a LOINC code such as 8867-4, or empty");
    }

    /** A metric with no LOINC code. */
    public static Metric mdc(int mdcCode, String referenceId) {
        return new Metric(mdcCode, referenceId, "");
    }
}
