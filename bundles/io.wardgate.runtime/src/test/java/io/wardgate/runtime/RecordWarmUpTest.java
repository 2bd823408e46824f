package io.wardgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordWarmUpTest {
    /** A record's equals, hashCode and toString run and answer as a record's must. */
    @Test
    void aThrowawayRecordComparesHashesAndPrints() {
        assertThat(RecordWarmUp.warmUp()).isTrue();
    }
}
