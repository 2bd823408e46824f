package io.wardgate.check.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the key/value pairs of FileInstall configuration files (.cfg: properties; .config: typed
 * values such as key="v", key=I"12", key=["a","b"]) well enough to inspect string settings.
 * Files over 1 MB and lines over 64 kB are skipped.
 */
final class ConfigFiles {
    private static final long MAX_FILE = 1 << 20;
    private static final int MAX_LINE = 1 << 16;

    record Entry(Path file, String key, String value) {
    }

    private ConfigFiles() {
    }

    static List<Entry> read(Path conf) {
        List<Entry> entries = new ArrayList<>();
        for (Path file : Files2.walk(conf, 4)) {
            String name = file.getFileName().toString();
            if (!(name.endsWith(".cfg") || name.endsWith(".config")) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                if (Files.size(file) > MAX_FILE) {
                    continue;
                }
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    parse(file, line, entries);
                }
            } catch (IOException | RuntimeException e) {
                // unreadable: the permissions check reports what it can
            }
        }
        return entries;
    }

    private static void parse(Path file, String line, List<Entry> entries) {
        String text = line.strip();
        if (text.isEmpty() || text.length() > MAX_LINE || text.startsWith("#") || text.startsWith("!")) {
            return;
        }
        int eq = text.indexOf('=');
        int colon = text.indexOf(':');
        int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        if (at <= 0) {
            return;
        }
        String key = text.substring(0, at).strip();
        String value = text.substring(at + 1).strip();
        if (value.length() > 1 && Character.isUpperCase(value.charAt(0)) && value.charAt(1) == '"') {
            value = value.substring(1); // a .config type marker: I"12", B"true"
        }
        if (value.startsWith("[") || value.startsWith("(")) {
            value = value.substring(1, Math.max(1, value.length() - 1));
        }
        for (String part : value.split(",")) {
            String v = part.strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            entries.add(new Entry(file, key, v));
        }
    }
}
