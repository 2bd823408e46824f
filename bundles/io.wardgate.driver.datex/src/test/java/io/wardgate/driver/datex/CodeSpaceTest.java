package io.wardgate.driver.datex;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.CodeSpace;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #19 item 1: every code the Datex driver can emit is a named term of the nomenclature table.
 * The decoder's metrics are the constants of {@link DatexMetrics} (walked by reflection, with every
 * pressure label 0..255) and {@link DatexWave}; its units are those of a decoded basic record that
 * holds every parameter, plus the waves'.
 */
class CodeSpaceTest {

    @Test
    void everyCodeAndUnitIsATableTermWithoutPlaceholders() throws IllegalAccessException {
        List<Metric> metrics = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        for (Field field : DatexMetrics.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            Object value = field.get(null);
            if (value instanceof Metric metric) {
                metrics.add(metric);
            } else if (value instanceof Unit unit) {
                units.add(unit);
            } else if (value instanceof DatexMetrics.Pressure p) {
                metrics.addAll(List.of(p.systolic(), p.diastolic(), p.mean()));
            }
        }
        for (int label = 0; label < 256; label++) {
            DatexMetrics.Pressure p = DatexMetrics.pressure(label);
            metrics.addAll(List.of(p.systolic(), p.diastolic(), p.mean()));
        }
        for (DatexWave wave : DatexWave.values()) {
            metrics.add(wave.metric());
            units.add(wave.unit());
        }
        List<Observation> decoded = PhysiologicalDecoder.decode(
                ByteBuffer.wrap(Records.adult().bytes()).order(ByteOrder.LITTLE_ENDIAN), Instant.EPOCH).observations();
        assertThat(decoded).hasSizeGreaterThan(10);
        decoded.forEach(o -> {
            metrics.add(o.metric());
            units.add(o.unit());
        });
        assertThat(metrics).hasSizeGreaterThan(20);
        CodeSpace.requireClean(metrics, units);
        assertThat(metrics).noneMatch(CodeSpace::isPrivate);
    }
}
