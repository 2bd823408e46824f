package io.wardgate.driver.nonin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.CodeSpace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue #19 item 1: every code the Nonin decoders (DF7 and DF8) can emit is a named term of the
 * nomenclature table. Numerics come only from {@link NoninValues} (walked over every 9-bit value) and
 * the DF7 pleth wave is {@link Df7#PLETH} in a dimensionless unit.
 */
class CodeSpaceTest {

    @Test
    void everyCodeAndUnitIsATableTerm() {
        List<Metric> metrics = new ArrayList<>(List.of(Df7.PLETH));
        List<Unit> units = new ArrayList<>(List.of(Unit.DIMENSIONLESS));
        for (int value = 0; value < 512; value++) {
            for (Observation o : List.of(NoninValues.spo2(value, Set.of(), Instant.EPOCH),
                    NoninValues.pulseRate(value, Set.of(), Instant.EPOCH))) {
                metrics.add(o.metric());
                units.add(o.unit());
            }
        }
        CodeSpace.requireClean(metrics, units);
        assertThat(metrics).extracting(Metric::referenceId).containsOnly("MDC_PULS_OXIM_PLETH",
                "MDC_PULS_OXIM_SAT_O2", "MDC_PULS_OXIM_PULS_RATE");
    }
}
