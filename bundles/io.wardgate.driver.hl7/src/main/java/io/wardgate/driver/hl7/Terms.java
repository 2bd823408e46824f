package io.wardgate.driver.hl7;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.Nomenclature;
import io.wardgate.api.nomenclature.Term;
import io.wardgate.api.nomenclature.UnitTerm;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OBX-3 and OBX-6 to MDC metric and unit. MDC codings (coding system "MDC", as IHE PCD-01 sends them,
 * primary or alternate) are taken as they are; UCUM units are matched to the nomenclature table by
 * their UCUM code; anything else only through the configured {@link CodeTable}. Nothing is guessed:
 * what none of these names is empty, and the caller reports it.
 */
final class Terms {
    static final String MDC = "MDC";
    static final String UCUM = "UCUM";
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern REFERENCE_ID = Pattern.compile("MDC_[A-Z0-9_]{1,60}");
    private static final Pattern UCUM_CODE = Pattern.compile("[\\x21-\\x7E]{1,32}");

    private final CodeTable table;
    private final Nomenclature nomenclature = Nomenclature.standard();

    Terms(CodeTable table) {
        this.table = table;
    }

    Optional<Metric> metric(List<Coded> codings) {
        for (Coded c : codings) {
            if (c.in(MDC) && NUMBER.matcher(c.id()).matches()) {
                int code = Integer.parseInt(c.id());
                Optional<Metric> known = nomenclature.term(code).map(Term::metric);
                if (known.isPresent()) {
                    return known;
                }
                if (code > 0 && REFERENCE_ID.matcher(c.text()).matches()) {
                    return Optional.of(Metric.mdc(code, c.text())); // as the sender named it: a real MDC term
                }
            }
        }
        for (Coded c : codings) {
            Optional<Metric> mapped = table.metric(c.system(), c.id());
            if (mapped.isPresent()) {
                return mapped;
            }
        }
        return Optional.empty();
    }

    /** The unit; {@code metric} breaks ties between units with one UCUM code (/min: beats or breaths). */
    Optional<Unit> unit(List<Coded> codings, Metric metric) {
        for (Coded c : codings) {
            if (c.in(MDC) && NUMBER.matcher(c.id()).matches()) {
                Optional<Unit> known = nomenclature.unit(Integer.parseInt(c.id())).map(UnitTerm::unit);
                if (known.isPresent()) {
                    return known;
                }
            }
        }
        for (Coded c : codings) {
            if (c.in(UCUM) && UCUM_CODE.matcher(c.id()).matches()) {
                return Optional.of(byUcum(c.id(), metric));
            }
        }
        for (Coded c : codings) {
            Optional<Unit> mapped = table.unit(c.system(), c.id());
            if (mapped.isPresent()) {
                return mapped;
            }
        }
        return Optional.empty();
    }

    /** The metric's default unit when it has this UCUM code, else the table's first unit with it, else UCUM alone. */
    private Unit byUcum(String ucum, Metric metric) {
        Optional<Unit> preferred = nomenclature.term(metric.mdcCode()).map(t -> t.defaultUnit().unit())
                .filter(u -> u.ucum().equals(ucum));
        if (preferred.isPresent()) {
            return preferred.get();
        }
        return nomenclature.units().values().stream().map(UnitTerm::unit).filter(u -> u.ucum().equals(ucum))
                .findFirst().orElseGet(() -> new Unit(ucum, 0, ""));
    }
}
