package io.wardgate.driver.gatt;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Unit;
import io.wardgate.api.driver.GattResult;
import io.wardgate.api.nomenclature.CodeSpace;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue #19 item 1: every code the GATT decoders can emit is a named term of the nomenclature table.
 * Each supported characteristic decodes 20 000 seeded random values, which reach every flag combination
 * (units, optional fields, temperature sites); with every glucose sample type of {@link GattMetrics},
 * what they give is checked.
 */
class CodeSpaceTest {

    @Test
    void everyCodeAndUnitTheDecodersCanEmitIsATableTerm() {
        Set<Metric> metrics = new LinkedHashSet<>();
        Set<Unit> units = new LinkedHashSet<>();
        for (int type = 0; type < 16; type++) {
            metrics.add(GattMetrics.glucose(type));
        }
        Random random = new Random(19);
        Set<Metric> decoded = new LinkedHashSet<>();
        for (String uuid : GattDecoders.supportedCharacteristics()) {
            for (int i = 0; i < 20_000; i++) {
                byte[] value = new byte[1 + random.nextInt(24)];
                random.nextBytes(value);
                if (GattDecoders.decode(uuid, value, Instant.EPOCH) instanceof GattResult.GattMeasurement m) {
                    for (Observation o : m.observations()) {
                        decoded.add(o.metric());
                        units.add(o.unit());
                    }
                }
            }
        }
        // Glucose needs a valid base time, which random bytes rarely give: the spec's vectors in kg/L and mol/L.
        for (String hex : new String[] {"1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 05 01",
            "06 02 00 E3 07 02 1B 0B 0A 1E 5C C0 11"}) {
            GattVectors.measurement("2A18", hex).observations().forEach(o -> {
                decoded.add(o.metric());
                units.add(o.unit());
            });
        }
        metrics.addAll(decoded);
        assertThat(decoded).extracting(Metric::referenceId).contains("MDC_TEMP_FINGER", "MDC_TEMP_TOE", "MDC_HF_ENERGY",
                "MDC_ECG_TIME_PD_RR_GL", "MDC_RATIO_MASS_BODY_LEN_SQ", "MDC_LEN_BODY_ACTUAL", "MDC_PULS_RATE_NON_INV",
                "MDC_PULS_OXIM_PERF_REL");
        assertThat(units).extracting(Unit::ucum).contains("mg/dL", "mmol/L", "Cel", "[degF]", "kPa", "mm[Hg]");
        CodeSpace.requireClean(metrics, units);
        assertThat(metrics).noneMatch(CodeSpace::isPrivate);
    }
}
