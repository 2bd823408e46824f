package io.wardgate.driver.masimo;

import io.wardgate.api.Decimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads one framed ASCII 1 line: {@code MM/DD/YY HH:MM:SS} then space-separated {@code KEY=VALUE}
 * fields. Every value is checked against its pattern before it is converted, so nothing here throws
 * on bad input: what cannot be read becomes a problem, and the rest of the line is still used.
 *
 * <p>Date order: month first. The spec's example "12/01/05" is ambiguous; a public capture of a Rad-8
 * ("02/22/16 22:47:45 SN=0000056661 ...") and the MD PnP reader's Radical-5 example ("09/15/10")
 * only fit month/day/year. Fields this decoder does not know (newer firmware adds some) are skipped.
 */
final class MasimoLineDecoder {
    static final int MAX_PROBLEMS = 8;

    // The fields' grammar, checked character by character below (no regular expression: at 20 lines a
    // second a Matcher per field, String.split and BigDecimal were most of the ~18 KB of garbage per line):
    //   date [0-9]{2}/[0-9]{2}/[0-9]{2}, time [0-9]{2}:[0-9]{2}:[0-9]{2}, key [A-Za-z0-9_]{1,16},
    //   number [+-]?[0-9]{1,9}(\.[0-9]{1,9})?, dashes [+-]?[-.]*-[-.]* (unavailable: "---", "--.-", "+--"),
    //   hex [0-9A-Fa-f]{1,8}, serial [A-Za-z0-9._-]{1,64}.
    private static final int MAX_KEY = 16;
    private static final int MAX_HEX = 8;
    private static final int MAX_SERIAL = 64;
    private static final int MAX_DIGITS = 9;

    private MasimoLineDecoder() {
    }

    static MasimoLine decode(String line) {
        Reader reader = new Reader();
        List<String> tokens = tokens(line.trim());
        int first = 0;
        if (tokens.size() >= 2 && isTwoDigitTriple(tokens.get(0), '/') && isTwoDigitTriple(tokens.get(1), ':')) {
            reader.deviceTime(tokens.get(0), tokens.get(1));
            first = 2;
        } else {
            reader.problem("no date and time at the start of the line");
        }
        for (int i = first; i < tokens.size(); i++) {
            reader.field(tokens.get(i));
        }
        return reader.result();
    }

    /** The text split at runs of spaces (what {@code split(" +")} gives for trimmed text). */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>(16);
        int at = 0;
        int length = text.length();
        while (at < length) {
            int end = text.indexOf(' ', at);
            if (end < 0) {
                end = length;
            }
            if (end > at || at == 0) {
                tokens.add(text.substring(at, end));
            }
            at = end + 1;
        }
        if (tokens.isEmpty()) {
            tokens.add(text); // the empty line: one empty token, as split gives
        }
        return tokens;
    }

    /** "NN?NN?NN" with two ASCII digits each, separated by {@code separator}: MM/DD/YY or HH:MM:SS. */
    static boolean isTwoDigitTriple(String text, char separator) {
        return text.length() == 8 && isDigit(text, 0) && isDigit(text, 1) && text.charAt(2) == separator
                && isDigit(text, 3) && isDigit(text, 4) && text.charAt(5) == separator && isDigit(text, 6)
                && isDigit(text, 7);
    }

    static boolean isKey(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_KEY) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static boolean isNumber(String text) {
        int at = 0;
        int length = text.length();
        if (at < length && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
            at++;
        }
        int integer = digits(text, at);
        if (integer < 1 || integer > MAX_DIGITS) {
            return false;
        }
        at += integer;
        if (at == length) {
            return true;
        }
        if (text.charAt(at) != '.') {
            return false;
        }
        int fraction = digits(text, at + 1);
        return fraction >= 1 && fraction <= MAX_DIGITS && at + 1 + fraction == length;
    }

    /** The value of text that {@link #isNumber} accepted, keeping its decimals (98.0 is not 98). */
    static Decimal decimal(String text) {
        long mantissa = 0;
        int decimals = -1;
        boolean negative = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                negative = true;
            } else if (c == '.') {
                decimals = 0;
            } else if (c != '+') {
                mantissa = mantissa * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            }
        }
        return Decimal.of(negative ? -mantissa : mantissa, decimals < 0 ? 0 : -decimals);
    }

    static boolean isDashes(String text) {
        int from = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        return onlyDashesAndDots(text, from) || (from == 1 && onlyDashesAndDots(text, 0));
    }

    /** From {@code from} on only '-' and '.', at least one '-'. */
    private static boolean onlyDashesAndDots(String text, int from) {
        boolean dash = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                dash = true;
            } else if (c != '.') {
                return false;
            }
        }
        return dash;
    }

    static boolean isHex(String text) {
        if (text.isEmpty() || text.length() > MAX_HEX) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static boolean isSerial(String text) {
        if (text.isEmpty() || text.length() > MAX_SERIAL) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text, i)) {
            i++;
        }
        return i - from;
    }

    private static boolean isDigit(String text, int at) {
        char c = text.charAt(at);
        return c >= '0' && c <= '9';
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /**
     * MM/DD/YY and HH:MM:SS, already checked to be two digits each, read digit by digit: what a strict
     * "MM/dd/uu HH:mm:ss" formatter accepts (a real calendar date, hours to 23), at a tenth of its cost on
     * every line of every device; null for anything else.
     */
    static LocalDateTime dateTime(String date, String time) {
        try {
            return LocalDateTime.of(2000 + twoDigits(date, 6), twoDigits(date, 0), twoDigits(date, 3),
                    twoDigits(time, 0), twoDigits(time, 3), twoDigits(time, 6));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int twoDigits(String text, int at) {
        return (text.charAt(at) - '0') * 10 + (text.charAt(at + 1) - '0');
    }

    /** Collects one line's fields; lives for one call of {@link #decode}. */
    private static final class Reader {
        private LocalDateTime deviceTime;
        private String serialNumber = "";
        private final Map<MasimoParameter, Optional<Decimal>> values = new EnumMap<>(MasimoParameter.class);
        private OptionalLong alarm = OptionalLong.empty();
        private OptionalLong exceptions = OptionalLong.empty();
        private final List<String> problems = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private boolean recognized;

        /** Date and time already checked to be two digits each; month first, years 2000 to 2099. */
        void deviceTime(String date, String time) {
            deviceTime = dateTime(date, time);
            if (deviceTime == null) {
                problem("invalid date or time '" + date + " " + time + "'");
            }
        }

        void field(String token) {
            int equals = token.indexOf('=');
            if (equals <= 0 || !isKey(token, 0, equals)) {
                problem("unexpected text '" + shorten(token) + "'");
                return;
            }
            String key = token.substring(0, equals);
            String value = token.substring(equals + 1);
            if (!seen.add(key)) {
                problem("field " + key + " repeated");
                return;
            }
            switch (key) {
                case "SN" -> serialNumber(value);
                case "ALARM" -> alarm = hex(key, value);
                case "EXC" -> exceptions = hex(key, value);
                default -> {
                    MasimoParameter parameter = MasimoParameter.byKey(key);
                    if (parameter != null) {
                        number(parameter, value);
                    }
                }
            }
        }

        private void serialNumber(String value) {
            recognized = true;
            boolean dashes = isDashes(value);
            if (isSerial(value) && !dashes) {
                serialNumber = value;
            } else if (!dashes) {
                problem("unreadable SN '" + shorten(value) + "'");
            }
        }

        private OptionalLong hex(String key, String value) {
            recognized = true;
            if (isHex(value)) {
                return OptionalLong.of(Long.parseLong(value, 16));
            }
            problem("unreadable " + key + " '" + shorten(value) + "'");
            return OptionalLong.empty();
        }

        private void number(MasimoParameter parameter, String value) {
            recognized = true;
            String digits = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
            if (isNumber(digits)) {
                values.put(parameter, Optional.of(decimal(digits)));
            } else if (isDashes(digits)) {
                values.put(parameter, Optional.empty());
            } else {
                problem("unreadable " + parameter.key() + " '" + shorten(value) + "'");
            }
        }

        void problem(String text) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(text);
            }
        }

        MasimoLine result() {
            return new MasimoLine(deviceTime, serialNumber, values, alarm, exceptions, problems, recognized);
        }

        private static String shorten(String text) {
            return text.length() <= 24 ? text : text.substring(0, 24) + "...";
        }
    }
}
