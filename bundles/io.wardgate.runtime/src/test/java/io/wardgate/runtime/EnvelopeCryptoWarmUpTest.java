package io.wardgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeCryptoWarmUpTest {
    /** Every step runs with Bouncy Castle (P-256 sign and verify, ECDH, HKDF, ChaCha20-Poly1305 both ways). */
    @Test
    void everyStepRunsWithThrowawayValuesOnly() {
        assertThat(EnvelopeCryptoWarmUp.warmUp()).isTrue();
    }
}
