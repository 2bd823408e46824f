package io.wardgate.driver.medibus;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.Nomenclature;
import java.util.Locale;
import java.util.Map;

/**
 * What MEDIBUS data codes become. The codes and their units are those of the Draeger device tables
 * (MEDIBUS for Draeger Intensive Care Devices, 90 28 329: Evita 4 / Evita 2 dura / EvitaXL); they are
 * shared across Draeger devices but a device sends only its own subset.
 *
 * <p>A code whose quantity has an IEEE 11073-10101 term carries that term, taken from the shared
 * nomenclature table (io.wardgate.api.nomenclature): SpO2, pulse rate, EtCO2, inspired CO2, breathing
 * frequency, peak, mean and plateau airway pressure, PEEP, tidal and minute volume, FiO2, airway
 * temperature, and the realtime airway pressure, flow, pleth, O2 and CO2 curves. Every other code, and
 * every device setting, carries a WardGate-private term in the private range of partition 2 (term
 * codes 0xF100 + code for measured data code page 1, 0xF200 + code for code page 2, 0xF300 + code for
 * settings, 0xF400 + code for realtime curves) with a reference id naming the page and code, e.g.
 * MDC_PRIV_WARDGATE_MEDIBUS_CP1_8A: no public term matching Draeger's definition was found (the
 * setting terms of 10101 are not in the table), so a backend maps them by reference id (docs/devices.md,
 * "Private codes"). Units are UCUM with their MDC unit code, from the table.
 */
final class MedibusCodes {
    static final int PAGE_1 = 1;
    static final int PAGE_2 = 2;
    static final int SETTINGS = 3;
    static final int REALTIME = 4;

    private static final Nomenclature TABLE = Nomenclature.standard();
    private static final Unit MBAR = TABLE.unitOf(266098);
    private static final Unit ML = TABLE.unitOf(263762);
    private static final Unit LITRE = TABLE.unitOf(263744);
    private static final Unit L_PER_MIN = TABLE.unitOf(265216);
    private static final Unit PER_MIN = TABLE.unitOf(264672);
    private static final Unit ML_PER_MIN = TABLE.unitOf(265234);

    /** A code's metric and unit. */
    record Term(Metric metric, Unit unit) {
    }

    /** Code page 1 codes with a public term (Draeger name: 10101 term). */
    private static final Map<Integer, Term> PUBLIC_PAGE_1 = Map.ofEntries(
            Map.entry(0xEB, term(150456, Unit.PERCENT)), // SpO2: MDC_PULS_OXIM_SAT_O2
            Map.entry(0xE1, term(149530, Unit.BEATS_PER_MINUTE)), // pulse rate (oximeter)
            Map.entry(0xE6, term(151708, Unit.MMHG)), // end-tidal CO2 mmHg: MDC_CONC_AWAY_CO2_ET
            Map.entry(0xDB, term(151708, Unit.PERCENT)), // end-tidal CO2 %
            Map.entry(0xE3, term(151708, Unit.KPA)), // end-tidal CO2 kPa
            Map.entry(0xE5, term(151716, Unit.MMHG)), // inspired CO2 mmHg: MDC_CONC_AWAY_CO2_INSP
            Map.entry(0xDA, term(151716, Unit.PERCENT)), // inspired CO2 %
            Map.entry(0xFF, term(151716, Unit.KPA)), // inspired CO2 kPa
            Map.entry(0xD6, term(151562, Unit.RESPIRATIONS_PER_MINUTE)), // breathing frequency: MDC_RESP_RATE
            Map.entry(0x7D, term(151817, MBAR)), // peak breathing pressure: MDC_PRESS_AWAY_INSP_MAX
            Map.entry(0x73, term(151819, MBAR)), // mean breathing pressure: MDC_PRESS_AWAY_INSP_MEAN
            Map.entry(0x74, term(151784, MBAR)), // plateau pressure: MDC_PRESS_RESP_PLAT
            Map.entry(0x78, term(151976, MBAR)), // PEEP: MDC_VENT_PRESS_AWAY_END_EXP_POS
            Map.entry(0x88, term(151868, ML)), // tidal volume: MDC_VOL_AWAY_TIDAL
            Map.entry(0xB9, term(151880, L_PER_MIN)), // respiratory minute volume: MDC_VOL_MINUTE_AWAY
            Map.entry(0xF0, term(152196, Unit.PERCENT)), // inspiratory O2: MDC_CONC_AWAY_O2_INSP
            Map.entry(0xC1, term(150356, Unit.CELSIUS))); // airway temperature: MDC_TEMP_AWAY

    /** Realtime curves with a public term (Draeger table: 00 Paw, 01 flow, 02 pleth, 05 O2, 06-08 CO2). */
    private static final Map<Integer, Term> PUBLIC_REALTIME = Map.of(
            0x00, term(151792, MBAR), // MDC_PRESS_AWAY
            0x01, term(151764, L_PER_MIN), // MDC_FLOW_AWAY
            0x02, term(150452, Unit.PERCENT), // MDC_PULS_OXIM_PLETH
            0x05, term(151908, Unit.PERCENT), // MDC_CONC_AWAY_O2
            0x06, term(151724, Unit.MMHG), // MDC_AWAY_CO2
            0x07, term(151724, Unit.KPA),
            0x08, term(151724, Unit.PERCENT));

    private static final Map<Integer, Unit> PAGE_1_UNITS = Map.ofEntries(
            Map.entry(0x71, MBAR), Map.entry(0x72, MBAR), Map.entry(0x79, MBAR), Map.entry(0x81, ML),
            Map.entry(0x82, LITRE), Map.entry(0x89, ML), Map.entry(0x8A, Unit.PERCENT),
            Map.entry(0x09, ML_PER_MIN), Map.entry(0xB5, PER_MIN), Map.entry(0xB7, L_PER_MIN),
            Map.entry(0x7A, L_PER_MIN), Map.entry(0xB8, L_PER_MIN));

    private static final Map<Integer, Unit> SETTING_UNITS = Map.ofEntries(
            Map.entry(0x01, Unit.PERCENT), Map.entry(0x02, L_PER_MIN), Map.entry(0x04, LITRE),
            Map.entry(0x05, Unit.SECOND), Map.entry(0x09, PER_MIN), Map.entry(0x0B, MBAR), Map.entry(0x0C, MBAR),
            Map.entry(0x0D, MBAR), Map.entry(0x0E, MBAR), Map.entry(0x0F, Unit.SECOND), Map.entry(0x10, Unit.SECOND),
            Map.entry(0x11, Unit.SECOND), Map.entry(0x12, MBAR), Map.entry(0x13, MBAR), Map.entry(0x16, PER_MIN),
            Map.entry(0x29, L_PER_MIN));

    private static final Map<Integer, Unit> REALTIME_UNITS = Map.of(0x03, ML, 0x20, L_PER_MIN, 0x21, L_PER_MIN,
            0x24, ML);

    private MedibusCodes() {
    }

    private static Term term(int mdcCode, Unit unit) {
        return new Term(TABLE.metricOf(mdcCode), unit);
    }

    /** The term of a code on a page ({@link #PAGE_1}, {@link #PAGE_2}, {@link #SETTINGS} or {@link #REALTIME}). */
    static Term term(int page, int code) {
        Term known = switch (page) {
            case PAGE_1 -> PUBLIC_PAGE_1.get(code);
            case REALTIME -> PUBLIC_REALTIME.get(code);
            default -> null;
        };
        if (known != null) {
            return known;
        }
        Unit unit = switch (page) {
            case PAGE_1 -> PAGE_1_UNITS.getOrDefault(code, Unit.DIMENSIONLESS);
            case SETTINGS -> SETTING_UNITS.getOrDefault(code, Unit.DIMENSIONLESS);
            case REALTIME -> REALTIME_UNITS.getOrDefault(code, Unit.DIMENSIONLESS);
            default -> Unit.DIMENSIONLESS;
        };
        String name = switch (page) {
            case SETTINGS -> "SET";
            case REALTIME -> "RT";
            default -> "CP" + page;
        };
        Metric metric = Metric.mdc((2 << 16) | (0xF000 + (page << 8) + (code & 0xFF)),
                String.format(Locale.ROOT, "MDC_PRIV_WARDGATE_MEDIBUS_%s_%02X", name, code & 0xFF));
        return new Term(metric, unit);
    }
}
