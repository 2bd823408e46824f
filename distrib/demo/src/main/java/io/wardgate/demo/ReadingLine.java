package io.wardgate.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One receiver JSON line as a short line a person can follow. */
final class ReadingLine {
    private static final Pattern FIELD = Pattern.compile("\"(%s)\":(\"[^\"]*\"|[-0-9.Ee+]+|\\[[^\\]]*\\])");

    private ReadingLine() {
    }

    static String summary(String json) {
        String bed = field(json, "bed");
        String metric = field(json, "metric");
        String kind = field(json, "kind");
        String where = "gateway " + field(json, "gateway") + " epoch " + field(json, "epoch") + " seq "
                + field(json, "sequence");
        if ("alarm".equals(kind)) {
            // A device alarm change, or one of the gateway's clock notes (sent the alarms' way).
            return String.format("%-6s ALARM %-22s %s, %s, %s  (%s)", bed, field(json, "code"), field(json, "text"),
                    field(json, "priority"), field(json, "state"), where);
        }
        if ("waveform".equals(kind)) {
            String samples = field(json, "samples");
            int count = samples.isEmpty() || samples.equals("[]") ? 0 : samples.split(",").length;
            return String.format("%-6s %-28s waveform, %d samples  (%s)", bed, metric, count, where);
        }
        String value = field(json, "value");
        String status = field(json, "status");
        String shown = value.isEmpty() ? "no value, status " + status
                : value + " " + field(json, "ucum") + (status.equals("[]") ? "" : " " + status);
        return String.format("%-6s %-28s %s  (%s)", bed, metric, shown, where);
    }

    static String bed(String json) {
        return field(json, "bed");
    }

    /** Readings (numerics and waves) say a bed is heard; alarm lines and clock notes do not. */
    static boolean isReading(String json) {
        return !"alarm".equals(field(json, "kind"));
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile(String.format(FIELD.pattern(), Pattern.quote(name))).matcher(json);
        if (!matcher.find()) {
            return "";
        }
        String value = matcher.group(2);
        return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
