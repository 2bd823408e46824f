package io.wardgate.time;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the board offers for time, read from the file system under {@code root} ("/" on the gateway):
 * which NTP daemon runs (by the run-time files each one keeps) and whether a real-time clock exists.
 * A daemon found is not proof that it disciplines the clock: the kernel's state says that.
 *
 * @param source "chrony", "systemd-timesyncd", "ntpd" or {@link #NONE}
 * @param sourceSaysSynchronised systemd-timesyncd's own flag file, where that daemon runs
 * @param rtc the first real-time clock's name ("rtc0"), or empty without one
 */
public record BoardTime(String source, boolean sourceSaysSynchronised, String rtc) {
    public static final String NONE = "none found";

    public BoardTime {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rtc, "rtc");
    }

    /** Reads the board under {@code root}; missing or unreadable paths count as absent. */
    public static BoardTime read(Path root) {
        Path timesync = root.resolve("run/systemd/timesync");
        String source;
        if (Files.exists(root.resolve("run/chrony/chronyd.pid")) || Files.exists(root.resolve("run/chrony.pid"))) {
            source = "chrony";
        } else if (Files.isDirectory(timesync)) {
            source = "systemd-timesyncd";
        } else if (Files.exists(root.resolve("run/ntpd.pid"))) {
            source = "ntpd";
        } else {
            source = NONE;
        }
        boolean flag = source.equals("systemd-timesyncd") && Files.exists(timesync.resolve("synchronized"));
        return new BoardTime(source, flag, firstRtc(root.resolve("sys/class/rtc")));
    }

    private static String firstRtc(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        String first = "";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "rtc[0-9]*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (first.isEmpty() || name.compareTo(first) < 0) {
                    first = name;
                }
            }
        } catch (IOException e) {
            return "";
        }
        return first;
    }
}
