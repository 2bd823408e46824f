package io.wardgate.api.nomenclature;

import io.wardgate.api.Unit;
import java.util.Objects;

/**
 * One unit term of the table.
 *
 * @param unit the UCUM code, MDC unit code and reference id
 * @param display a short name for people, e.g. "mmHg"
 */
public record UnitTerm(Unit unit, String display) {
    public UnitTerm {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(display, "display");
    }
}
