package io.wardgate.api.nomenclature;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks a driver's code space against the nomenclature: what a driver may emit must be in the
 * table with its public name and a real UCUM unit. Placeholders are the names drivers fall back to
 * when they cannot name a code: reference ids such as {@code MDC_IV_0107} and UCUM annotations such
 * as {@code {mdc-dim-263442}}. A driver's tests call {@link #requireNoPlaceholders}.
 */
public final class CodeSpace {
    private CodeSpace() {
    }

    /** What is wrong with a set of MDC metric and unit codes; empty when every one is a named term. */
    public static List<String> problems(Collection<Integer> metricCodes, Collection<Integer> unitCodes) {
        Nomenclature table = Nomenclature.standard();
        List<String> problems = new ArrayList<>();
        for (int code : metricCodes) {
            var term = table.term(code);
            if (term.isEmpty()) {
                problems.add("metric " + code + " is not in the nomenclature table");
            } else if (isPlaceholder(term.get().metric())) {
                problems.add("metric " + code + " has a placeholder name " + term.get().metric().referenceId());
            }
        }
        for (int code : unitCodes) {
            var unit = table.unit(code);
            if (unit.isEmpty()) {
                problems.add("unit " + code + " is not in the nomenclature table");
            } else if (isPlaceholder(unit.get().unit())) {
                problems.add("unit " + code + " has a placeholder UCUM code " + unit.get().unit().ucum());
            }
        }
        return problems;
    }

    /** What is wrong with metrics and units as a driver emits them (names included). */
    public static List<String> problemsOfEmitted(Collection<Metric> metrics, Collection<Unit> units) {
        List<String> problems = new ArrayList<>();
        Nomenclature table = Nomenclature.standard();
        for (Metric metric : metrics) {
            if (isPlaceholder(metric)) {
                problems.add("metric " + metric.mdcCode() + " emitted with placeholder name " + metric.referenceId());
            } else if (table.term(metric.mdcCode()).map(t -> !t.metric().referenceId().equals(metric.referenceId()))
                    .orElse(true)) {
                problems.add("metric " + metric.mdcCode() + " " + metric.referenceId() + " differs from the table: "
                        + table.term(metric.mdcCode()).map(t -> t.metric().referenceId()).orElse("not in it"));
            }
        }
        for (Unit unit : units) {
            if (isPlaceholder(unit)) {
                problems.add("unit " + unit.mdcCode() + " emitted with placeholder UCUM code " + unit.ucum());
            } else if (unit.mdcCode() != 0 && table.unit(unit.mdcCode()).isEmpty()) {
                problems.add("unit " + unit.mdcCode() + " " + unit.ucum() + " is not in the nomenclature table");
            }
        }
        return problems;
    }

    /** Fails (IllegalStateException listing every problem) unless the code space is clean. */
    public static void requireNoPlaceholders(Collection<Integer> metricCodes, Collection<Integer> unitCodes) {
        List<String> problems = problems(metricCodes, unitCodes);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " code(s) without a public name:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** A placeholder reference id: an IntelliVue code the driver could not name. */
    public static boolean isPlaceholder(Metric metric) {
        return metric.referenceId().startsWith("MDC_IV_");
    }

    /** A placeholder unit: a UCUM annotation standing in for an MDC unit code. */
    public static boolean isPlaceholder(Unit unit) {
        return unit.ucum().startsWith("{mdc-dim-") || unit.ucum().startsWith("{mdc");
    }
}
