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
import java.util.regex.Pattern;

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

    // Compiled once: String.split with a multi-character pattern compiles it on every line.
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern DATE = Pattern.compile("[0-9]{2}/[0-9]{2}/[0-9]{2}");
    private static final Pattern TIME = Pattern.compile("[0-9]{2}:[0-9]{2}:[0-9]{2}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]{1,9}(\\.[0-9]{1,9})?");
    /** Unavailable: dashes, maybe a sign and a decimal point ("---", "--.-", "+--"). */
    private static final Pattern DASHES = Pattern.compile("[+-]?[-.]*-[-.]*");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,8}");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,16}");

    private MasimoLineDecoder() {
    }

    static MasimoLine decode(String line) {
        Reader reader = new Reader();
        String[] tokens = SPACES.split(line.trim());
        int first = 0;
        if (tokens.length >= 2 && DATE.matcher(tokens[0]).matches() && TIME.matcher(tokens[1]).matches()) {
            reader.deviceTime(tokens[0], tokens[1]);
            first = 2;
        } else {
            reader.problem("no date and time at the start of the line");
        }
        for (int i = first; i < tokens.length; i++) {
            reader.field(tokens[i]);
        }
        return reader.result();
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

        /** Date and time already matched DATE and TIME (two digits each); month first, years 2000 to 2099. */
        void deviceTime(String date, String time) {
            deviceTime = dateTime(date, time);
            if (deviceTime == null) {
                problem("invalid date or time '" + date + " " + time + "'");
            }
        }

        void field(String token) {
            int equals = token.indexOf('=');
            if (equals <= 0 || !KEY.matcher(token.substring(0, equals)).matches()) {
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
            if (SERIAL.matcher(value).matches() && !DASHES.matcher(value).matches()) {
                serialNumber = value;
            } else if (!DASHES.matcher(value).matches()) {
                problem("unreadable SN '" + shorten(value) + "'");
            }
        }

        private OptionalLong hex(String key, String value) {
            recognized = true;
            if (HEX.matcher(value).matches()) {
                return OptionalLong.of(Long.parseLong(value, 16));
            }
            problem("unreadable " + key + " '" + shorten(value) + "'");
            return OptionalLong.empty();
        }

        private void number(MasimoParameter parameter, String value) {
            recognized = true;
            String digits = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
            if (NUMBER.matcher(digits).matches()) {
                values.put(parameter, Optional.of(Decimal.parse(digits)));
            } else if (DASHES.matcher(digits).matches()) {
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
