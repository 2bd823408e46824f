package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndEverythingOutsidePrintableAscii() {
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Json.quote("line\nbreak\r\ttab")).isEqualTo("\"line\\nbreak\\r\\ttab\"");
        assertThat(Json.quote("\u001b[31mred\u0000")).isEqualTo("\"\\u001b[31mred\\u0000\"");
        assertThat(Json.quote("\u007f\u00e9\u2028\ud83d\ude00")).isEqualTo("\"\\u007f\\u00e9\\u2028\\ud83d\\ude00\"");
        assertThat(Json.quote("")).isEqualTo("\"\"");
    }

    @Test
    void buildsAFlatObjectInFieldOrder() {
        String json = new Json().number("offset", 12).string("value", null).string("unit", "%")
                .raw("status", "[]").end();
        assertThat(json).isEqualTo("{\"offset\":12,\"value\":null,\"unit\":\"%\",\"status\":[]}");
    }

    @Test
    void quotesUserInputInMessagesSafely() {
        assertThat(Json.printable("bad\u001bname")).isEqualTo("bad?name");
        assertThat(Json.printable("x".repeat(100))).hasSize(63).endsWith("...");
    }
}
