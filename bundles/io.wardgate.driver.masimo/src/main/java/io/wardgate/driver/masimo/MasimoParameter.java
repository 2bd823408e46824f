package io.wardgate.driver.masimo;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.nomenclature.Nomenclature;

/**
 * The numeric fields of an ASCII 1 line, each with the code its readings are tagged with.
 *
 * <p>Where the codes come from:
 * <ul>
 * <li>SPO2, BPM: shared/specs/nomenclature.md (MDC_PULS_OXIM_SAT_O2, MDC_PULS_OXIM_PULS_RATE).
 * <li>PI: MDC_PULS_OXIM_PERF_REL, partition 2 (SCADA) term 19376 = 150448. Checked in two public
 *     tables that agree: an IEEE 11073 nomenclature table (SCADA term 19376) and the Philips
 *     IntelliVue physio id NOM_PULS_OXIM_PERF_REL 0x4BB0 (= 19376; MDC = physio id + 0x20000).
 * <li>SPCO, SPMET: MDC_CONC_HB_CO_GEN 160128 (0x27180) and MDC_CONC_HB_MET_GEN 160124 (0x2717C),
 *     from the IntelliVue nomenclature (NLS_NOM_CONC_HB_CO_GEN / NLS_NOM_CONC_HB_MET_GEN). These are
 *     the generic carboxy- and methaemoglobin terms. A pulse-CO-oximetry term (MDC_PULS_OXIM_HB_CO_ART)
 *     is named in public material, but its numeric code could not be verified: UNVERIFIED choice of
 *     the generic term.
 * <li>DESAT, PIDELTA, PVI: no public MDC term could be verified. They carry WardGate-private codes
 *     in the private range of partition 2 (term codes 0xF000 and above are manufacturer-private in
 *     11073-10101) with MDC_PRIV_ reference ids: UNVERIFIED, a backend must map them by reference id.
 * </ul>
 * Units as the line shows them: '%' after SPO2, PI, SPCO and SPMET; none after DESAT, PIDELTA, PVI.
 */
enum MasimoParameter {
    SPO2("SPO2", VitalSign.SPO2.metric(), VitalSign.SPO2.unit()),
    PULSE_RATE("BPM", VitalSign.PULSE_RATE.metric(), VitalSign.PULSE_RATE.unit()),
    PERFUSION_INDEX("PI", Table.metric(150448), Unit.PERCENT),
    SPCO("SPCO", Table.metric(160128), Unit.PERCENT),
    SPMET("SPMET", Table.metric(160124), Unit.PERCENT),
    DESAT("DESAT", Table.metric(Private.DESAT), Unit.DIMENSIONLESS),
    PI_DELTA("PIDELTA", Table.metric(Private.PI_DELTA), Unit.DIMENSIONLESS),
    PVI("PVI", Table.metric(Private.PVI), Unit.DIMENSIONLESS);

    /** Terms by code from the shared nomenclature table (its private rows included: MDC_PRIV_WARDGATE_MASIMO_*). */
    private static final class Table {
        static Metric metric(int mdcCode) {
            return Nomenclature.standard().metricOf(mdcCode);
        }

        private Table() {
        }
    }

    /** WardGate-private codes: partition 2, term codes 0xFD01.. (unverified, see the class comment). */
    static final class Private {
        static final int FIRST = (2 << 16) | 0xFD01;
        static final int DESAT = FIRST;
        static final int PI_DELTA = FIRST + 1;
        static final int PVI = FIRST + 2;

        private Private() {
        }
    }

    /** values() copies its array on every call: byKey runs for every field of every line. */
    private static final MasimoParameter[] ALL = values();

    private final String key;
    private final Metric metric;
    private final Unit unit;

    MasimoParameter(String key, Metric metric, Unit unit) {
        this.key = key;
        this.metric = metric;
        this.unit = unit;
    }

    /** The field name in the line, e.g. "BPM". */
    String key() {
        return key;
    }

    Metric metric() {
        return metric;
    }

    Unit unit() {
        return unit;
    }

    static MasimoParameter byKey(String key) {
        for (MasimoParameter parameter : ALL) {
            if (parameter.key.equals(key)) {
                return parameter;
            }
        }
        return null;
    }
}
