package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The decoder checks its fields character by character; these are the regular expressions it used to
 * match (the ASCII 1 grammar), as the oracle: both must agree on every text, including the edges (signs,
 * lengths 0 and past the limits, dashes and dots, spaces).
 */
class FieldGrammarTest {
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern DATE = Pattern.compile("[0-9]{2}/[0-9]{2}/[0-9]{2}");
    private static final Pattern TIME = Pattern.compile("[0-9]{2}:[0-9]{2}:[0-9]{2}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]{1,9}(\\.[0-9]{1,9})?");
    private static final Pattern DASHES = Pattern.compile("[+-]?[-.]*-[-.]*");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,8}");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,16}");
    private static final String ALPHABET = "0123456789+-.:/ _=%AFafGzZ";

    @Test
    void agreesWithTheRegularExpressionsOnRandomAndEdgeTexts() {
        SplittableRandom random = new SplittableRandom(25);
        List<String> edges = List.of("", "-", "+", ".", "+-", "-+", "--.-", "+--", "-0", "+5", "0.", ".5", "1.2.3",
                "123456789", "1234567890", "1.123456789", "1.1234567890", "12345678", "123456789", "ABCDEFab",
                "ABCDEFabc", "a".repeat(64), "a".repeat(65), "K".repeat(16), "K".repeat(17), "12/01/05", "11:56:29",
                "1/01/05", "12/01/05 ", "  a  b ", " a", "a ");
        for (int i = 0; i < 200_000 + edges.size(); i++) {
            String text = i < edges.size() ? edges.get(i) : randomText(random);
            assertThat(MasimoLineDecoder.isNumber(text)).as("number '%s'", text).isEqualTo(NUMBER.matcher(text).matches());
            assertThat(MasimoLineDecoder.isDashes(text)).as("dashes '%s'", text).isEqualTo(DASHES.matcher(text).matches());
            assertThat(MasimoLineDecoder.isHex(text)).as("hex '%s'", text).isEqualTo(HEX.matcher(text).matches());
            assertThat(MasimoLineDecoder.isSerial(text)).as("serial '%s'", text).isEqualTo(SERIAL.matcher(text).matches());
            assertThat(MasimoLineDecoder.isKey(text, 0, text.length())).as("key '%s'", text)
                    .isEqualTo(KEY.matcher(text).matches());
            assertThat(MasimoLineDecoder.isTwoDigitTriple(text, '/')).as("date '%s'", text)
                    .isEqualTo(DATE.matcher(text).matches());
            assertThat(MasimoLineDecoder.isTwoDigitTriple(text, ':')).as("time '%s'", text)
                    .isEqualTo(TIME.matcher(text).matches());
            String trimmed = text.trim();
            assertThat(MasimoLineDecoder.tokens(trimmed)).as("tokens '%s'", trimmed)
                    .isEqualTo(Arrays.asList(SPACES.split(trimmed)));
            if (MasimoLineDecoder.isNumber(text)) {
                assertThat(MasimoLineDecoder.decimal(text)).as("value '%s'", text).isEqualTo(Decimal.parse(text));
            }
        }
    }

    private static String randomText(SplittableRandom random) {
        int length = random.nextInt(random.nextBoolean() ? 12 : 70);
        StringBuilder text = new StringBuilder(length);
        String alphabet = random.nextBoolean() ? ALPHABET : "0123456789-.+";
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
