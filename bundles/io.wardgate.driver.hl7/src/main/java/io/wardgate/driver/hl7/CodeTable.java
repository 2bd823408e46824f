package io.wardgate.driver.hl7;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.Nomenclature;
import io.wardgate.api.nomenclature.Term;
import io.wardgate.api.nomenclature.UnitTerm;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configurable mapping from a sender's own codes (OBX-3 observation identifiers, OBX-6 units that
 * are not MDC) to MDC terms of the nomenclature table. One entry per line:
 * <pre>
 * metric SYSTEM CODE MDC-CODE     e.g.  metric 99PHI HR 147842
 * unit   SYSTEM CODE MDC-UNIT     e.g.  unit   -     bpm 264864
 * </pre>
 * SYSTEM is the coding system as sent (OBX-3.3 or OBX-6.3, compared without case), "-" for none. The
 * MDC code must be in the nomenclature table: an entry naming an unknown code is refused at
 * configuration time, so nothing is forwarded under a code nobody can read. Codes not in the table
 * and not MDC are reported as unmapped, never guessed.
 */
final class CodeTable {
    static final int MAX_ENTRIES = 1024;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,64}");

    private final Map<String, Term> metrics;
    private final Map<String, UnitTerm> units;

    private CodeTable(Map<String, Term> metrics, Map<String, UnitTerm> units) {
        this.metrics = Map.copyOf(metrics);
        this.units = Map.copyOf(units);
    }

    static CodeTable empty() {
        return new CodeTable(Map.of(), Map.of());
    }

    /** Parses entries; throws IllegalArgumentException naming the first bad one (1-based). */
    static CodeTable parse(List<String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " mapping entries, not " + entries.size());
        }
        Nomenclature table = Nomenclature.standard();
        Map<String, Term> metrics = new HashMap<>();
        Map<String, UnitTerm> units = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] f = entry.split("\\s+");
            String where = "mapping entry " + (i + 1) + ": ";
            if (f.length != 4 || !TOKEN.matcher(f[1]).matches() || !TOKEN.matcher(f[2]).matches()
                    || !f[3].matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException(where + "expected 'metric|unit SYSTEM CODE MDC-CODE'");
            }
            int code = Integer.parseInt(f[3]);
            String key = key(f[1].equals("-") ? "" : f[1], f[2]);
            switch (f[0]) {
                case "metric" -> metrics.put(key, table.term(code).orElseThrow(() -> new IllegalArgumentException(
                        where + "MDC code " + code + " is not in the nomenclature table")));
                case "unit" -> units.put(key, table.unit(code).orElseThrow(() -> new IllegalArgumentException(
                        where + "MDC unit " + code + " is not in the nomenclature table")));
                default -> throw new IllegalArgumentException(where + "kind must be 'metric' or 'unit'");
            }
        }
        return new CodeTable(metrics, units);
    }

    Optional<Metric> metric(String system, String code) {
        return Optional.ofNullable(metrics.get(key(system, code))).map(Term::metric);
    }

    Optional<Unit> unit(String system, String code) {
        return Optional.ofNullable(units.get(key(system, code))).map(UnitTerm::unit);
    }

    int size() {
        return metrics.size() + units.size();
    }

    private static String key(String system, String code) {
        return system.toUpperCase(Locale.ROOT) + "\u0000" + code;
    }
}
