package io.wardgate.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board's time facts read from real files laid out as on Debian (chrony, systemd-timesyncd, sysfs). */
class BoardTimeTest {
    @TempDir
    Path root;

    @Test
    void aBareBoardHasNoDaemonAndNoRealTimeClock() {
        BoardTime board = BoardTime.read(root);
        assertThat(board.source()).isEqualTo(BoardTime.NONE);
        assertThat(board.rtc()).isEmpty();
        assertThat(board.sourceSaysSynchronised()).isFalse();
    }

    @Test
    void chronyIsFoundByItsPidFileAndWinsOverATimesyncdDirectory() throws IOException {
        touch("run/chrony/chronyd.pid");
        Files.createDirectories(root.resolve("run/systemd/timesync"));
        assertThat(BoardTime.read(root).source()).isEqualTo("chrony");
    }

    @Test
    void timesyncdSaysWhetherItSynchronised() throws IOException {
        Files.createDirectories(root.resolve("run/systemd/timesync"));
        assertThat(BoardTime.read(root).source()).isEqualTo("systemd-timesyncd");
        assertThat(BoardTime.read(root).sourceSaysSynchronised()).isFalse();
        touch("run/systemd/timesync/synchronized");
        assertThat(BoardTime.read(root).sourceSaysSynchronised()).isTrue();
    }

    @Test
    void ntpdIsFoundByItsPidFile() throws IOException {
        touch("run/ntpd.pid");
        assertThat(BoardTime.read(root).source()).isEqualTo("ntpd");
    }

    @Test
    void theFirstRealTimeClockIsNamed() throws IOException {
        Files.createDirectories(root.resolve("sys/class/rtc/rtc1"));
        Files.createDirectories(root.resolve("sys/class/rtc/rtc0"));
        Files.createDirectories(root.resolve("sys/class/rtc/not-an-rtc"));
        assertThat(BoardTime.read(root).rtc()).isEqualTo("rtc0");
    }

    private void touch(String path) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "1234\n");
    }
}
