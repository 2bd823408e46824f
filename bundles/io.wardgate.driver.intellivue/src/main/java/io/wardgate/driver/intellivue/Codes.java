package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.Metric;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IntelliVue codes to WardGate's nomenclature. IntelliVue physiological ids map arithmetically onto
 * IEEE 11073-10101: MDC code = physio_id + 0x20000 and MDC unit = unit_code + 0x40000
 * (nomenclature.md, "Notes"). A code that lands on a {@link VitalSign} takes its metric (with LOINC);
 * a few others have a reference id we could check; any other code keeps its arithmetic MDC code with
 * the reference id {@code MDC_IV_<physio_id in hex>}, which says "IntelliVue code, name not verified"
 * rather than inventing an MDC name.
 */
final class Codes {
    /** Reference id prefix for codes whose MDC name we could not verify. */
    static final String UNVERIFIED_PREFIX = "MDC_IV_";

    /**
     * Codes that are not vital signs of the table but whose MDC reference id is checked:
     * temperature is MDC_TEMP 150344 (nomenclature.md, body temperature row); ECG lead II is
     * 131330 MDC_ECG_ELEC_POTL_II and pleth 150452 MDC_PULS_OXIM_PLETH (both as published in HL7/FHIR
     * examples); NOM_AWAY_CO2_ET maps to MDC_AWAY_CO2_ET in OpenICE's intellivue.map (the pairing of
     * the code 151728 with that name is marked unverified in device-protocols.md line 46).
     */
    private static final Map<Integer, String> VERIFIED_NAMES = Map.of(
            NOM_TEMP, "MDC_TEMP",
            NOM_ECG_ELEC_POTL_II, "MDC_ECG_ELEC_POTL_II",
            NOM_PLETH, "MDC_PULS_OXIM_PLETH",
            NOM_AWAY_CO2_ET, "MDC_AWAY_CO2_ET");

    private static final List<Unit> KNOWN_UNITS = List.of(Unit.BEATS_PER_MINUTE, Unit.RESPIRATIONS_PER_MINUTE,
            Unit.PERCENT, Unit.MMHG, Unit.KPA, Unit.CELSIUS, Unit.FAHRENHEIT, Unit.DIMENSIONLESS, Unit.MILLIVOLT,
            Unit.KILOGRAM, Unit.POUND, Unit.SECOND);

    private Codes() {
    }

    static int mdcCode(int physioId) {
        return (NOM_PART_SCADA << 16) + (physioId & 0xFFFF);
    }

    static Metric metric(int physioId) {
        int mdc = mdcCode(physioId);
        Optional<VitalSign> sign = VitalSign.byMdcCode(mdc);
        if (sign.isPresent()) {
            return sign.get().metric();
        }
        String name = VERIFIED_NAMES.get(physioId & 0xFFFF);
        return Metric.mdc(mdc, name != null ? name : String.format("%s%04X", UNVERIFIED_PREFIX, physioId & 0xFFFF));
    }

    /** The unit; one WardGate does not name gets a UCUM annotation carrying its MDC code. */
    static Unit unit(int unitCode) {
        int mdc = (NOM_PART_DIM << 16) + (unitCode & 0xFFFF);
        for (Unit unit : KNOWN_UNITS) {
            if (unit.mdcCode() == mdc) {
                return unit;
            }
        }
        return new Unit("{mdc-dim-" + mdc + "}", mdc, "");
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
