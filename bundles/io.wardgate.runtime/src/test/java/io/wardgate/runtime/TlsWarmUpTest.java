package io.wardgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsWarmUpTest {
    /** Every step runs on this JDK (TLS, P-256 sign and verify): a failing step would only be logged. */
    @Test
    void everyStepRunsWithoutAnyKeyOrTrustOfTheGateway() {
        assertThat(TlsWarmUp.warmUp()).isTrue();
    }
}
