package io.wardgate.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Naming and listing of segment files: segment-00000001.log, segment-00000002.log, ... */
final class Segments {
    private static final Pattern NAME = Pattern.compile("segment-(\\d{8})\\.log");
    private static final Pattern TORN = Pattern.compile("segment-\\d{8}\\.log\\.torn-\\d+");
    static final long MAX_NUMBER = 99_999_999L;

    private Segments() {
    }

    static String name(long number) {
        return String.format("segment-%08d.log", number);
    }

    static Path path(Path directory, long number) {
        return directory.resolve(name(number));
    }

    /** Segment numbers and sizes, oldest first. */
    static TreeMap<Long, Long> list(Path directory) throws IOException {
        TreeMap<Long, Long> segments = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file)) {
                    segments.put(Long.parseLong(m.group(1)), Files.size(file));
                }
            }
        }
        return segments;
    }

    /** Files holding the bytes of incomplete writes found when the trail was reopened. */
    static List<String> quarantined(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (TORN.matcher(file.getFileName().toString()).matches()) {
                    names.add(file.getFileName().toString());
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** Makes a creation, rename or deletion in the directory durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
