package io.wardgate.driver.medibus;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.util.Locale;
import java.util.Map;

/**
 * What MEDIBUS data codes become. The codes and their units are those of the Draeger device tables
 * (MEDIBUS for Draeger Intensive Care Devices, 90 28 329: Evita 4 / Evita 2 dura / EvitaXL); they are
 * shared across Draeger devices but a device sends only its own subset.
 *
 * <p>SpO2, pulse rate, EtCO2 and the breathing frequency carry their IEEE 11073-10101 terms (the shared
 * vital-sign table). Every other code, and every device setting, carries a WardGate-private term in the
 * private range of partition 2 (term codes 0xF100 + code for measured data code page 1, 0xF200 + code
 * for code page 2, 0xF300 + code for settings) with a reference id naming the page and code, e.g.
 * MDC_PRIV_WARDGATE_MEDIBUS_CP1_7D: ventilator terms could not be verified against the nomenclature,
 * so a backend maps them by reference id. Units are UCUM; where 10101 has no verified dimension code the
 * unit carries the UCUM code only.
 */
final class MedibusCodes {
    static final int PAGE_1 = 1;
    static final int PAGE_2 = 2;
    static final int SETTINGS = 3;

    private static final Unit MBAR = new Unit("mbar", 0, "");
    private static final Unit ML = new Unit("mL", 0, "");
    private static final Unit LITRE = new Unit("L", 0, "");
    private static final Unit L_PER_MIN = new Unit("L/min", 0, "");
    private static final Unit PER_MIN = new Unit("/min", 0, "");
    private static final Unit ML_PER_MIN = new Unit("mL/min", 0, "");

    /** A code's metric and unit. */
    record Term(Metric metric, Unit unit) {
    }

    private static final Map<Integer, Term> STANDARD = Map.of(
            0xEB, new Term(VitalSign.SPO2.metric(), Unit.PERCENT),
            0xE1, new Term(VitalSign.PULSE_RATE.metric(), Unit.BEATS_PER_MINUTE),
            0xE6, new Term(VitalSign.ETCO2.metric(), Unit.MMHG),
            0xDB, new Term(VitalSign.ETCO2.metric(), Unit.PERCENT),
            0xE3, new Term(VitalSign.ETCO2.metric(), Unit.KPA),
            0xD6, new Term(VitalSign.RESPIRATION_RATE.metric(), Unit.RESPIRATIONS_PER_MINUTE));

    private static final Map<Integer, Unit> PAGE_1_UNITS = Map.ofEntries(
            Map.entry(0x71, MBAR), Map.entry(0x72, MBAR), Map.entry(0x73, MBAR), Map.entry(0x74, MBAR),
            Map.entry(0x78, MBAR), Map.entry(0x79, MBAR), Map.entry(0x7D, MBAR), Map.entry(0x81, ML),
            Map.entry(0x82, LITRE), Map.entry(0x88, ML), Map.entry(0x89, ML), Map.entry(0x8A, Unit.PERCENT),
            Map.entry(0x09, ML_PER_MIN), Map.entry(0xB5, PER_MIN), Map.entry(0xB7, L_PER_MIN),
            Map.entry(0x7A, L_PER_MIN), Map.entry(0xB8, L_PER_MIN), Map.entry(0xB9, L_PER_MIN),
            Map.entry(0xF0, Unit.PERCENT), Map.entry(0xC1, Unit.CELSIUS));

    private static final Map<Integer, Unit> SETTING_UNITS = Map.ofEntries(
            Map.entry(0x01, Unit.PERCENT), Map.entry(0x02, L_PER_MIN), Map.entry(0x04, LITRE),
            Map.entry(0x05, Unit.SECOND), Map.entry(0x09, PER_MIN), Map.entry(0x0B, MBAR), Map.entry(0x0C, MBAR),
            Map.entry(0x0D, MBAR), Map.entry(0x0E, MBAR), Map.entry(0x0F, Unit.SECOND), Map.entry(0x10, Unit.SECOND),
            Map.entry(0x11, Unit.SECOND), Map.entry(0x12, MBAR), Map.entry(0x13, MBAR), Map.entry(0x16, PER_MIN),
            Map.entry(0x29, L_PER_MIN));

    private MedibusCodes() {
    }

    /** The term of a code on a page ({@link #PAGE_1}, {@link #PAGE_2} or {@link #SETTINGS}). */
    static Term term(int page, int code) {
        if (page == PAGE_1 && STANDARD.containsKey(code)) {
            return STANDARD.get(code);
        }
        Unit unit = switch (page) {
            case PAGE_1 -> PAGE_1_UNITS.getOrDefault(code, Unit.DIMENSIONLESS);
            case SETTINGS -> SETTING_UNITS.getOrDefault(code, Unit.DIMENSIONLESS);
            default -> Unit.DIMENSIONLESS;
        };
        String name = page == SETTINGS ? "SET" : "CP" + page;
        Metric metric = Metric.mdc((2 << 16) | (0xF000 + (page << 8) + code),
                String.format(Locale.ROOT, "MDC_PRIV_WARDGATE_MEDIBUS_%s_%02X", name, code));
        return new Term(metric, unit);
    }
}
