package io.wardgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's console lines, from the receiver's JSON lines (docs/alarms.md for the alarm line's fields). */
class ReadingLineTest {
    private static final String ALARM = "{\"gateway\":\"wg-demo-0001\",\"epoch\":0,\"sequence\":4,"
            + "\"device\":\"serial:/dev/bed-2#alarms\",\"bed\":\"bed-2\",\"kind\":\"alarm\",\"mdc\":150456,"
            + "\"metric\":\"MDC_PULS_OXIM_SAT_O2\",\"code\":\"masimo:0002\",\"text\":\"SpO2 low\","
            + "\"priority\":\"medium\",\"state\":\"active\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}";
    private static final String READING = "{\"gateway\":\"wg-demo-0001\",\"epoch\":0,\"sequence\":5,"
            + "\"bed\":\"bed-2\",\"kind\":\"numeric\",\"metric\":\"MDC_PULS_OXIM_SAT_O2\",\"value\":97,"
            + "\"ucum\":\"%\",\"status\":[]}";

    @Test
    void anAlarmChangeIsShownAsAnAlarmAndDoesNotCountAsTheBedBeingHeard() {
        assertThat(ReadingLine.summary(ALARM))
                .isEqualTo("bed-2  ALARM masimo:0002            SpO2 low, medium, active  (gateway wg-demo-0001 epoch 0 seq 4)");
        assertThat(ReadingLine.isReading(ALARM)).isFalse();
    }

    @Test
    void aReadingCountsAsTheBedBeingHeard() {
        assertThat(ReadingLine.summary(READING)).startsWith("bed-2  MDC_PULS_OXIM_SAT_O2         97 %");
        assertThat(ReadingLine.isReading(READING)).isTrue();
    }
}
