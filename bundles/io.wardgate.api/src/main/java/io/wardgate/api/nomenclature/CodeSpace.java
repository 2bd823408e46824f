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
    /** Reference id prefix of WardGate-private terms. */
    public static final String PRIVATE_PREFIX = "MDC_PRIV_WARDGATE_";

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

    /**
     * What is wrong with metrics and units as a driver emits them (names included): a metric must be
     * the table's term for its code (same reference id and LOINC), or a WardGate-private term
     * ({@link #isPrivate}); a unit must be the table's unit for its MDC unit code (same UCUM code),
     * and every unit needs an MDC unit code.
     */
    public static List<String> problemsOfEmitted(Collection<Metric> metrics, Collection<Unit> units) {
        List<String> problems = new ArrayList<>();
        Nomenclature table = Nomenclature.standard();
        for (Metric metric : metrics) {
            var term = table.term(metric.mdcCode());
            if (isPlaceholder(metric)) {
                problems.add("metric " + metric.mdcCode() + " emitted with placeholder name " + metric.referenceId());
            } else if (term.isEmpty()) {
                if (!isPrivate(metric)) {
                    problems.add("metric " + metric.mdcCode() + " " + metric.referenceId()
                            + " is neither in the nomenclature table nor a private term");
                }
            } else if (!term.get().metric().equals(metric)) {
                problems.add("metric " + metric + " differs from the table: " + term.get().metric());
            }
        }
        for (Unit unit : units) {
            if (isPlaceholder(unit)) {
                problems.add("unit " + unit.mdcCode() + " emitted with placeholder UCUM code " + unit.ucum());
            } else if (unit.mdcCode() == 0) {
                problems.add("unit " + unit.ucum() + " emitted without its MDC unit code");
            } else if (table.unit(unit.mdcCode()).map(u -> !u.unit().equals(unit)).orElse(true)) {
                problems.add("unit " + unit + " differs from the table: "
                        + table.unit(unit.mdcCode()).map(u -> u.unit().toString()).orElse("not in it"));
            }
        }
        return problems;
    }

    /** Fails (IllegalStateException listing every problem) unless what a driver emits is clean. */
    public static void requireClean(Collection<Metric> metrics, Collection<Unit> units) {
        fail(problemsOfEmitted(metrics, units));
    }

    /** Fails (IllegalStateException listing every problem) unless the code space is clean. */
    public static void requireNoPlaceholders(Collection<Integer> metricCodes, Collection<Integer> unitCodes) {
        fail(problems(metricCodes, unitCodes));
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " code(s) without a public name:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * A WardGate-private term: a reference id starting {@code MDC_PRIV_WARDGATE_} and a term code in
     * the range IEEE 11073-10101 leaves to manufacturers (0xF000 to 0xFFFF of its partition). Used
     * only where no public term exists; docs/devices.md lists each family and why.
     */
    public static boolean isPrivate(Metric metric) {
        return metric.referenceId().startsWith(PRIVATE_PREFIX) && (metric.mdcCode() & 0xFFFF) >= 0xF000;
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
