package io.wardgate.api.nomenclature;

import io.wardgate.api.Metric;
import java.util.Objects;

/**
 * One metric term of the table.
 *
 * @param metric the MDC code, reference id and (where a vital-signs LOINC exists) LOINC
 * @param defaultUnit the unit the term is usually reported in (a device may report another)
 * @param display a short name for people, e.g. "ST level II"
 * @param source where the term was read
 * @param privateCode true for a WardGate-private code (no public term exists); the source says why
 */
public record Term(Metric metric, UnitTerm defaultUnit, String display, String source, boolean privateCode) {
    public Term {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(defaultUnit, "defaultUnit");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(source, "source");
    }
}
