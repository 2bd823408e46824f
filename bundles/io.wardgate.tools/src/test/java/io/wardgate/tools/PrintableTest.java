package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** User input quoted in error messages (JSON output: JsonGoldenTest and io.wardgate.shared's JsonWriterTest). */
class PrintableTest {

    @Test
    void quotesUserInputInMessagesSafely() {
        assertThat(Printable.of("bad\u001bname")).isEqualTo("bad?name");
        assertThat(Printable.of("x".repeat(100))).hasSize(63).endsWith("...");
    }
}
