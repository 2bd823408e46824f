package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    // RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        // RFC 6238 Appendix B, SHA1 column: time (s), eight-digit TOTP
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130",
    })
    void matchesRfc6238AppendixB(long seconds, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(SEED, step, 8)).isEqualTo(expected);
        // Six digits is the same truncation modulo 10^6: the last six digits.
        assertThat(Totp.code(SEED, step, 6)).isEqualTo(expected.substring(2));
    }

    @Test
    void acceptsTheNeighbouringStepsButNeverTheSameStepTwice() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);
        assertThat(Totp.verify(SEED, "050471", now, -1)).hasValue(step);
        assertThat(Totp.verify(SEED, Totp.code(SEED, step - 1, 6), now, -1)).hasValue(step - 1);
        assertThat(Totp.verify(SEED, Totp.code(SEED, step + 1, 6), now, -1)).hasValue(step + 1);
        assertThat(Totp.verify(SEED, Totp.code(SEED, step - 2, 6), now, -1)).isEmpty();
        // Replay: once the step was used, its code (and older ones) no longer work.
        assertThat(Totp.verify(SEED, "050471", now, step)).isEmpty();
        assertThat(Totp.verify(SEED, Totp.code(SEED, step - 1, 6), now, step)).isEmpty();
    }

    @Test
    void malformedCodesAreRefused() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.verify(SEED, "28708", now, -1)).isEmpty();
        assertThat(Totp.verify(SEED, "2870822", now, -1)).isEmpty();
        assertThat(Totp.verify(SEED, "28708a", now, -1)).isEmpty();
        assertThat(Totp.verify(SEED, null, now, -1)).isEmpty();
    }

    @Test
    void theUriCarriesTheBase32SecretAndTheParameters() {
        assertThat(Base32.encode(SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(SEED);
        assertThat(Totp.uri("WardGate ICU", "alice", SEED)).isEqualTo("otpauth://totp/WardGate%20ICU:alice?secret="
                + "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=WardGate%20ICU&algorithm=SHA1&digits=6&period=30");
    }
}
