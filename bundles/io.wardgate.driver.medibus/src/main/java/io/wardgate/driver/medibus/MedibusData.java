package io.wardgate.driver.medibus;

import io.wardgate.api.Decimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data of MEDIBUS responses (Protocol Definition rev. 4.03, "Responding to Data Request Commands"):
 * measured data and alarm limits are items of 2 hex digits (the code) and a 4-character value; device
 * settings of 2 + 5; alarms of a priority character (0x31 to 0x4F: 1 to 31), 2 hex digits and a
 * 12-character phrase; the device identification is {@code NNNN'name'DD.DD:MM.MM}. Values are
 * right-aligned with spaces, may carry a sign and a decimal point, and keep their decimals.
 */
final class MedibusData {
    static final int MEASURED_ITEM = 6;
    static final int SETTING_ITEM = 7;
    static final int ALARM_ITEM = 15;
    private static final Pattern IDENTITY = Pattern.compile("([ -~]{4})'([^']{1,32})'([ -~]{1,11})");

    private MedibusData() {
    }

    /** One value item: its code, and its value or why it could not be read. */
    record Item(int code, Decimal value, String problem) {
    }

    /** One active alarm. */
    record Alarm(int priority, int code, String phrase) {
    }

    record Identity(String idNumber, String name, String revision) {
    }

    /** Items of {@code width} characters (6 measured data, 7 settings); a short tail is a problem item. */
    static List<Item> values(String text, int width) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        for (; i + width <= text.length(); i += width) {
            String chunk = text.substring(i, i + width);
            int code;
            try {
                code = HexFormat.fromHexDigits(chunk, 0, 2);
            } catch (IllegalArgumentException e) {
                items.add(new Item(-1, null, "item " + i / width + ": code \"" + chunk.substring(0, 2)
                        + "\" is not hex"));
                continue;
            }
            Optional<Decimal> value = number(chunk.substring(2));
            items.add(value.map(v -> new Item(code, v, null)).orElseGet(() -> new Item(code, null,
                    String.format("item %02X: value \"%s\" is not a number", code, chunk.substring(2)))));
        }
        if (i < text.length()) {
            items.add(new Item(-1, null, (text.length() - i) + " characters after the last whole item"));
        }
        return items;
    }

    static List<Alarm> alarms(String text, List<String> problems) {
        List<Alarm> alarms = new ArrayList<>();
        int i = 0;
        for (; i + ALARM_ITEM <= text.length(); i += ALARM_ITEM) {
            int priority = text.charAt(i) - 0x30;
            int code;
            try {
                code = HexFormat.fromHexDigits(text, i + 1, i + 3);
            } catch (IllegalArgumentException e) {
                problems.add("alarm " + i / ALARM_ITEM + ": code is not hex");
                continue;
            }
            if (priority < 1 || priority > 31) {
                problems.add("alarm " + i / ALARM_ITEM + ": priority character out of range");
                continue;
            }
            alarms.add(new Alarm(priority, code, text.substring(i + 3, i + ALARM_ITEM).trim().replace('"', '\'')));
        }
        if (i < text.length()) {
            problems.add((text.length() - i) + " characters after the last whole alarm");
        }
        return alarms;
    }

    static Optional<Identity> identity(String text) {
        Matcher m = IDENTITY.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Identity(m.group(1).trim(), m.group(2).trim(), m.group(3).trim()));
    }

    /** A right-aligned value such as " 98 ", "12.5", "-3  ", " 0.5". */
    static Optional<Decimal> number(String field) {
        String trimmed = field.trim();
        if (trimmed.startsWith(".")) {
            trimmed = "0" + trimmed;
        } else if (trimmed.startsWith("-.")) {
            trimmed = "-0" + trimmed.substring(1);
        }
        if (!trimmed.matches("-?[0-9]{1,5}(\\.[0-9]{1,4})?")) {
            return Optional.empty();
        }
        return Optional.of(Decimal.parse(trimmed));
    }
}
