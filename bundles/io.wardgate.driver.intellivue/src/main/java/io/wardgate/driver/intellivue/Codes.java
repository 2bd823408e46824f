package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.Metric;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.Nomenclature;
import io.wardgate.api.nomenclature.Term;
import io.wardgate.api.nomenclature.UnitTerm;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * IntelliVue codes to WardGate's nomenclature. IntelliVue physiological ids map arithmetically onto
 * IEEE 11073-10101: MDC code = physio_id + 0x20000 and MDC unit = unit_code + 0x40000
 * (nomenclature.md, "Notes"); the name, LOINC and UCUM come from the shared nomenclature table
 * (io.wardgate.api.nomenclature). A code the table does not name is not forwarded under a made-up
 * name: the session reports it once ({@link #describe}) so the table can be extended.
 */
final class Codes {
    private static final Nomenclature TABLE = Nomenclature.standard();

    private Codes() {
    }

    static int mdcCode(int physioId) {
        return (NOM_PART_SCADA << 16) + (physioId & 0xFFFF);
    }

    static int mdcUnit(int unitCode) {
        return (NOM_PART_DIM << 16) + (unitCode & 0xFFFF);
    }

    /** The table's public term for a physio id; empty when it has none (WardGate-private terms are not IntelliVue's). */
    static Optional<Metric> metric(int physioId) {
        return TABLE.term(mdcCode(physioId)).filter(t -> !t.privateCode()).map(Term::metric);
    }

    /** The table's unit (UCUM and MDC unit code) for a unit code; empty when it has none. */
    static Optional<Unit> unit(int unitCode) {
        return TABLE.unit(mdcUnit(unitCode)).map(UnitTerm::unit);
    }

    /** What the session reports for a physio id and unit code the table cannot name. */
    static String describe(int physioId, int unitCode) {
        return String.format(Locale.ROOT,
                "IntelliVue code 0x%04X (MDC %d) in unit 0x%04X (MDC %d) is not in the nomenclature table: not forwarded",
                physioId & 0xFFFF, mdcCode(physioId), unitCode & 0xFFFF, mdcUnit(unitCode));
    }

    /** The measurement state bits as flags (device-protocols.md lines 33-35). */
    static Set<StatusFlag> status(int state) {
        EnumSet<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        add(flags, state, STATE_INVALID, StatusFlag.INVALID);
        add(flags, state, STATE_QUESTIONABLE, StatusFlag.QUESTIONABLE);
        add(flags, state, STATE_UNAVAILABLE, StatusFlag.UNAVAILABLE);
        add(flags, state, STATE_CALIBRATION_ONGOING, StatusFlag.CALIBRATING);
        add(flags, state, STATE_TEST_DATA, StatusFlag.TEST);
        add(flags, state, STATE_DEMO_DATA, StatusFlag.DEMO);
        add(flags, state, STATE_VALIDATED_DATA, StatusFlag.VALIDATED);
        add(flags, state, STATE_EARLY_INDICATION, StatusFlag.EARLY_INDICATION);
        add(flags, state, STATE_MSMT_ONGOING, StatusFlag.MEASUREMENT_ONGOING);
        add(flags, state, STATE_IN_ALARM, StatusFlag.IN_ALARM);
        add(flags, state, STATE_AL_INHIBITED, StatusFlag.ALARM_INHIBITED);
        return flags;
    }

    private static void add(Set<StatusFlag> flags, int state, int bit, StatusFlag flag) {
        if ((state & bit) != 0) {
            flags.add(flag);
        }
    }
}
