package io.wardgate.receiver;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.Nomenclature;
import io.wardgate.api.nomenclature.Term;
import io.wardgate.api.nomenclature.UnitTerm;
import io.wardgate.seal.envelope.Batch;
import java.util.Set;

/** How outputs name codes and units for people, and which metrics are vital signs: the nomenclature seam. */
interface Terms {

    /** A display name for the metric, e.g. "MDC_PULS_OXIM_SAT_O2" or a plain-language name. */
    String display(Metric metric);

    /** A display name for the unit, e.g. "%" or "mmHg". */
    String unitDisplay(Unit unit);

    /** Whether the metric belongs to FHIR's vital-signs category. */
    boolean isVitalSign(Metric metric);

    /**
     * The LOINC codes of FHIR R4's vital-signs value set (observation-vitalsignresult): a metric with one
     * of them is in the vital-signs category; others (EtCO2 19889-5) keep their LOINC coding only.
     */
    Set<String> VITAL_SIGNS_LOINC = Set.of("85353-1", "9279-1", "8867-4", "2708-6", "8310-5", "8302-2", "9843-4",
            "29463-7", "39156-5", "85354-9", "8480-6", "8462-4", "8478-0");

    /** The batch with names resolved (placeholders replaced by the table's names); as is by default. */
    default Batch resolve(Batch batch) {
        return batch;
    }

    /**
     * Names from the nomenclature table: display names, unit names, and a reading whose driver could
     * not name its code (MDC_IV_..., {mdc-dim-...}) named by the table where it knows the code.
     */
    static Terms nomenclature() {
        Nomenclature table = Nomenclature.standard();
        Terms plain = ofReadings();
        return new Terms() {
            @Override
            public String display(Metric metric) {
                return table.term(metric.mdcCode()).map(Term::display).orElse(metric.referenceId());
            }

            @Override
            public String unitDisplay(Unit unit) {
                return table.unit(unit.mdcCode()).filter(u -> u.unit().ucum().equals(unit.ucum()))
                        .map(UnitTerm::display).orElse(unit.ucum());
            }

            @Override
            public boolean isVitalSign(Metric metric) {
                return plain.isVitalSign(metric);
            }

            @Override
            public Batch resolve(Batch batch) {
                return new Batch(batch.device(), batch.location(), batch.group(),
                        batch.readings().stream().map(table::resolve).toList(), batch.alarms());
            }
        };
    }

    /** Names from the reading itself: reference ids and UCUM codes. */
    static Terms ofReadings() {
        return new Terms() {
            @Override
            public String display(Metric metric) {
                return metric.referenceId();
            }

            @Override
            public String unitDisplay(Unit unit) {
                return unit.ucum();
            }

            @Override
            public boolean isVitalSign(Metric metric) {
                return VITAL_SIGNS_LOINC.contains(metric.loinc());
            }
        };
    }
}
