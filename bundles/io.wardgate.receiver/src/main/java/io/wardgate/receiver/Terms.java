package io.wardgate.receiver;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
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
