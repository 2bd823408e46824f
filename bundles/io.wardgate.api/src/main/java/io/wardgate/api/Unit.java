package io.wardgate.api;

import java.util.regex.Pattern;

/**
 * A unit of measure: its UCUM code and its IEEE 11073-10101 code (partition 4, dimensions).
 *
 * @param ucum the UCUM code, e.g. "/min"
 * @param mdcCode the MDC unit code, e.g. 264864; 0 when the unit has none
 * @param referenceId the MDC reference id, e.g. "MDC_DIM_BEAT_PER_MIN"; empty when none
 */
public record Unit(String ucum, int mdcCode, String referenceId) {
    private static final Pattern REFERENCE_ID = Pattern.compile("(MDC_[A-Z0-9_]{1,60})?");

    public static final Unit BEATS_PER_MINUTE = new Unit("/min", 264864, "MDC_DIM_BEAT_PER_MIN");
    public static final Unit RESPIRATIONS_PER_MINUTE = new Unit("/min", 264928, "MDC_DIM_RESP_PER_MIN");
    public static final Unit PERCENT = new Unit("%", 262688, "MDC_DIM_PERCENT");
    public static final Unit MMHG = new Unit("mm[Hg]", 266016, "MDC_DIM_MMHG");
    public static final Unit KPA = new Unit("kPa", 265987, "MDC_DIM_KILO_PASCAL");
    public static final Unit CELSIUS = new Unit("Cel", 268192, "MDC_DIM_DEGC");
    public static final Unit FAHRENHEIT = new Unit("[degF]", 266560, "MDC_DIM_FAHR");
    public static final Unit DIMENSIONLESS = new Unit("1", 262656, "MDC_DIM_DIMLESS");
    public static final Unit MILLIVOLT = new Unit("mV", 266418, "MDC_DIM_MILLI_VOLT");
    public static final Unit KILOGRAM = new Unit("kg", 263875, "MDC_DIM_KILO_G");
    public static final Unit POUND = new Unit("[lb_av]", 263904, "MDC_DIM_LB");
    public static final Unit SECOND = new Unit("s", 264320, "MDC_DIM_SEC");

    public Unit {
        Checks.printable(ucum, "ucum", 32);
        if (ucum.isEmpty()) {
            throw new IllegalArgumentException("ucum must not be empty");
        }
        if (mdcCode < 0) {
            throw new IllegalArgumentException("MDC unit code must not be negative: " + mdcCode);
        }
        Checks.matches(referenceId, "referenceId", REFERENCE_ID, "MDC_ followed by capitals, digits or _");
    }
}
