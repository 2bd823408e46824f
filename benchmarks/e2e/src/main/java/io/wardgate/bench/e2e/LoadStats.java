package io.wardgate.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The load source's stats file (JSON lines every 250 ms), read back. */
final class LoadStats {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(true|false|-?\\d+)");

    /** One line; outbox fields are -1 when no outbox runs (baseline). */
    record Line(long t, long generated, long firstSubmit, boolean done, long outboxEnvelopes, long outboxBytes) {
    }

    private LoadStats() {
    }

    static List<Line> read(Path file) {
        List<Line> lines = new ArrayList<>();
        List<String> text;
        try {
            text = Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return lines;
        }
        for (String raw : text) {
            if (!raw.endsWith("}")) {
                continue; // being written
            }
            long t = 0;
            long generated = 0;
            long first = 0;
            boolean done = false;
            long envelopes = -1;
            long bytes = -1;
            Matcher m = FIELD.matcher(raw);
            while (m.find()) {
                String value = m.group(2);
                switch (m.group(1)) {
                    case "t" -> t = Long.parseLong(value);
                    case "generated" -> generated = Long.parseLong(value);
                    case "firstSubmit" -> first = Long.parseLong(value);
                    case "done" -> done = Boolean.parseBoolean(value);
                    case "outboxEnvelopes" -> envelopes = Long.parseLong(value);
                    case "outboxBytes" -> bytes = Long.parseLong(value);
                    default -> {
                    }
                }
            }
            lines.add(new Line(t, generated, first, done, envelopes, bytes));
        }
        return lines;
    }

    static Line last(Path file) {
        List<Line> lines = read(file);
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }
}
