package io.wardgate.shared.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.shared.json.JsonWriter.Escaping;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** RFC 8259 section 7: quotation mark, reverse solidus and the control characters must be escaped. */
class JsonWriterTest {
    @Test
    void escapesWhatRfc8259RequiresAndTheLineSeparators() {
        assertThat(JsonWriter.quote("a\"b\\c\nd\re\tf\u0001g\u2028h\u2029"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028h\\u2029\"");
    }

    @Test
    void htmlSafeAlsoEscapesMarkupAndAsciiEverythingOutsidePrintableAscii() {
        assertThat(JsonWriter.quote("<a>&é", Escaping.HTML_SAFE, new StringBuilder()).toString())
                .isEqualTo("\"\\u003ca\\u003e\\u0026é\"");
        assertThat(JsonWriter.quote("é\u007f\u001b[2J", Escaping.ASCII, new StringBuilder()).toString())
                .isEqualTo("\"\\u00e9\\u007f\\u001b[2J\"");
        assertThat(JsonWriter.quote("<é>")).isEqualTo("\"<é>\"");
    }

    @Test
    void writesNestedStructuresWithCommasInTheRightPlaces() {
        String json = new JsonWriter().beginObject().field("a", "x").field("n", 3).name("list").beginArray()
                .value(new BigDecimal("98.0")).value(true).nullValue().value(Double.NaN).endArray()
                .name("o").beginObject().endObject().endObject().toString();
        assertThat(json).isEqualTo("{\"a\":\"x\",\"n\":3,\"list\":[98.0,true,null,null],\"o\":{}}");
    }

    @Test
    void theAsciiVariantsDifferOnlyInWhichControlCharactersGetShortEscapes() {
        String hostile = "a\"b\\c\nd\re\tf\u0001é\u2028";
        assertThat(JsonWriter.quote(hostile, Escaping.ASCII, new StringBuilder()).toString())
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u00e9\\u2028\"");
        assertThat(JsonWriter.quote(hostile, Escaping.ASCII_SHORT_NEWLINE, new StringBuilder()).toString())
                .isEqualTo("\"a\\\"b\\\\c\\nd\\u000de\\u0009f\\u0001\\u00e9\\u2028\"");
        assertThat(JsonWriter.quote(hostile, Escaping.ASCII_UNICODE_CONTROLS, new StringBuilder()).toString())
                .isEqualTo("\"a\\\"b\\\\c\\u000ad\\u000de\\u0009f\\u0001\\u00e9\\u2028\"");
        assertThat(new JsonWriter(Escaping.ASCII_UNICODE_CONTROLS).beginObject().field("k\n", "\u007f").endObject()
                .toString()).isEqualTo("{\"k\\u000a\":\"\\u007f\"}");
    }
}
