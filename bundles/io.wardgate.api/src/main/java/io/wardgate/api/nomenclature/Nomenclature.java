package io.wardgate.api.nomenclature;

import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Unit;
import io.wardgate.api.WaveformSegment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The nomenclature table: MDC metric terms and MDC units, read once from the tab-separated files
 * beside this class (mdc-metrics.tsv, mdc-units.tsv; their headers name the published term lists
 * they come from). Immutable; {@link #standard()} is shared.
 */
public final class Nomenclature {
    private static final Nomenclature STANDARD = load();

    private final Map<Integer, Term> metrics;
    private final Map<Integer, UnitTerm> units;

    private Nomenclature(Map<Integer, Term> metrics, Map<Integer, UnitTerm> units) {
        this.metrics = Collections.unmodifiableMap(metrics);
        this.units = Collections.unmodifiableMap(units);
    }

    /** The table shipped with WardGate. */
    public static Nomenclature standard() {
        return STANDARD;
    }

    /** The metric term for an MDC code. */
    public Optional<Term> term(int mdcCode) {
        return Optional.ofNullable(metrics.get(mdcCode));
    }

    /** The unit term for an MDC unit code. */
    public Optional<UnitTerm> unit(int mdcUnitCode) {
        return Optional.ofNullable(units.get(mdcUnitCode));
    }

    /**
     * The metric the table names for an MDC code: what a driver tags its readings with.
     *
     * @throws IllegalArgumentException when the code is not in the table
     */
    public Metric metricOf(int mdcCode) {
        return term(mdcCode).map(Term::metric)
                .orElseThrow(() -> new IllegalArgumentException("MDC code " + mdcCode + " is not in the nomenclature table"));
    }

    /**
     * The unit the table names for an MDC unit code (UCUM, code and reference id).
     *
     * @throws IllegalArgumentException when the code is not in the table
     */
    public Unit unitOf(int mdcUnitCode) {
        return unit(mdcUnitCode).map(UnitTerm::unit).orElseThrow(
                () -> new IllegalArgumentException("MDC unit " + mdcUnitCode + " is not in the nomenclature table"));
    }

    /** Every metric term, by code. */
    public Map<Integer, Term> terms() {
        return metrics;
    }

    /** Every unit term, by code. */
    public Map<Integer, UnitTerm> units() {
        return units;
    }

    /**
     * The metric as the table names it: a reading's placeholder name (or missing LOINC) replaced by
     * the table's; a code the table does not know is returned unchanged.
     */
    public Metric resolve(Metric metric) {
        return term(metric.mdcCode()).map(Term::metric).orElse(metric);
    }

    /** The unit as the table names it (UCUM and reference id for its MDC code); unknown ones unchanged. */
    public Unit resolve(Unit unit) {
        return unit.mdcCode() == 0 ? unit : unit(unit.mdcCode()).map(UnitTerm::unit).orElse(unit);
    }

    /** The reading with its metric and unit as the table names them (value, status and times unchanged). */
    public Reading resolve(Reading reading) {
        Metric metric = resolve(reading.metric());
        Unit unit = resolve(reading.unit());
        if (metric.equals(reading.metric()) && unit.equals(reading.unit())) {
            return reading;
        }
        if (reading instanceof Observation o) {
            return new Observation(metric, unit, o.value(), o.status(), o.deviceTime(), o.receivedAt());
        }
        WaveformSegment w = (WaveformSegment) reading;
        return new WaveformSegment(metric, unit, w.samplePeriod(), w.start(), w.samples(), w.scale(), w.status(),
                w.receivedAt());
    }

    private static Nomenclature load() {
        Map<Integer, UnitTerm> units = new LinkedHashMap<>();
        read("mdc-units.tsv", 4, f -> {
            int code = Integer.parseInt(f[0]);
            units.put(code, new UnitTerm(new Unit(f[2], code, f[1]), f[3]));
        });
        Map<Integer, Term> metrics = new LinkedHashMap<>();
        read("mdc-metrics.tsv", 6, f -> {
            int code = Integer.parseInt(f[0]);
            UnitTerm unit = units.get(Integer.parseInt(f[2]));
            if (unit == null) {
                throw new IllegalStateException("metric " + code + " names unit " + f[2] + ", not in the unit table");
            }
            if (metrics.put(code, new Term(new Metric(code, f[1], f[3]), unit, f[4], f[5], f[5].startsWith("PRIVATE")))
                    != null) {
                throw new IllegalStateException("metric " + code + " twice in the table");
            }
        });
        return new Nomenclature(metrics, units);
    }

    private static void read(String name, int columns, Consumer<String[]> row) {
        try (InputStream in = Nomenclature.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("nomenclature table " + name + " missing from the bundle");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException(name + ": " + columns + " columns expected: " + line);
                }
                row.accept(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
