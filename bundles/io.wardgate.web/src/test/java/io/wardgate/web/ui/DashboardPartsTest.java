package io.wardgate.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Metric;
import io.wardgate.api.VitalSign;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue #23 item 4: a backlog that grows turns amber; names instead of codes; errors without Java names. */
class DashboardPartsTest {
    private final Instant start = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void aBacklogGrowingForAMinuteIsGrowingAndAFlatOrDrainingOneIsNot() {
        Backlog growing = new Backlog();
        for (int i = 0; i <= 12; i++) {
            growing.record(start.plusSeconds(5L * i), 10 + i);
        }
        assertThat(growing.record(start.plusSeconds(65), 30)).isTrue();
        Backlog flat = new Backlog();
        for (int i = 0; i <= 13; i++) {
            assertThat(flat.record(start.plusSeconds(5L * i), 40)).isFalse();
        }
        Backlog draining = new Backlog();
        for (int i = 0; i <= 13; i++) {
            assertThat(draining.record(start.plusSeconds(5L * i), 100 - i)).isFalse();
        }
        Backlog young = new Backlog();
        young.record(start, 1);
        assertThat(young.record(start.plusSeconds(10), 50)).as("not a minute of history yet").isFalse();
        assertThat(young.trend()).hasSize(2);
        assertThat(new Backlog().record(start.plus(Duration.ofMinutes(1)), 0)).isFalse();
    }

    @Test
    void everyMetricHasAName() {
        assertThat(MetricNames.name(VitalSign.SPO2.metric())).isEqualTo("SpO\u2082");
        assertThat(MetricNames.name(new Metric(150488, "MDC_PULS_OXIM_PERF_REL", ""))).isEqualTo("Perfusion index");
        assertThat(MetricNames.name(new Metric(1, "MDC_IV_4822", ""))).isEqualTo("IntelliVue code 4822 (not named)");
        assertThat(MetricNames.name(new Metric(2, "MDC_PRESS_CUFF", ""))).isEqualTo("Press cuff (MDC_PRESS_CUFF)");
        assertThat(MetricNames.name(String.valueOf(VitalSign.HEART_RATE.metric().mdcCode()))).isEqualTo("Heart rate");
    }

    @Test
    void errorTextsLoseTheirJavaClassNames() {
        assertThat(DashboardApi.plain("javax.net.ssl.SSLHandshakeException: PKIX path building failed\n\tat x"))
                .isEqualTo("PKIX path building failed");
        assertThat(DashboardApi.plain("java.net.ConnectException")).isEqualTo("see the gateway log");
        assertThat(DashboardApi.plain("")).isEmpty();
    }

    @Test
    void statusFlagsReadAsWordsAndGroupMetricsByNameWhereTheNomenclatureKnowsThem() {
        assertThat(DashboardApi.flags(java.util.Set.of(io.wardgate.api.StatusFlag.LOW_PERFUSION,
                io.wardgate.api.StatusFlag.IN_ALARM))).isEqualTo("in alarm, low perfusion");
        assertThat(DevicesApi.metricName(150456, java.util.Map.of())).isEqualTo("SpO\u2082");
        // Not in the console's table of names, but in the shipped nomenclature: a name, not "MDC code n".
        int fromTable = io.wardgate.api.nomenclature.Nomenclature.standard().terms().keySet().stream()
                .filter(c -> VitalSign.byMdcCode(c).isEmpty()).findFirst().orElseThrow();
        assertThat(DevicesApi.metricName(fromTable, java.util.Map.of())).doesNotStartWith("MDC code");
        assertThat(DevicesApi.metricName(999_999_999, java.util.Map.of())).isEqualTo("MDC code 999999999");
    }
}
