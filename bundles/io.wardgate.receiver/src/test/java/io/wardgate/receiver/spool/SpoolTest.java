package io.wardgate.receiver.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable queue on a real directory: order, reopening, limits, crash leftovers, setting aside. */
class SpoolTest {
    private static final Spool.Limits LIMITS = new Spool.Limits(3, 16);
    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesComeOutInOrderAndSurviveAReopen() throws IOException {
        Spool spool = Spool.open(dir, LIMITS);
        spool.append(bytes("one"));
        spool.append(bytes("two"));
        Spool reopened = Spool.open(dir, LIMITS);
        assertThat(reopened.size()).isEqualTo(2);
        Spool.Entry first = reopened.oldest().orElseThrow();
        assertThat(first.message()).isEqualTo(bytes("one"));
        reopened.remove(first.sequence());
        assertThat(reopened.oldest().orElseThrow().message()).isEqualTo(bytes("two"));
        // Sequences go on after the highest one on disk.
        assertThat(reopened.append(bytes("three"))).isGreaterThan(first.sequence() + 1);
    }

    @Test
    void aFullSpoolOrATooLargeMessageFailsAndAddsNothing() throws IOException {
        Spool spool = Spool.open(dir, LIMITS);
        assertThatThrownBy(() -> spool.append(new byte[17])).isInstanceOf(IOException.class).hasMessageContaining("limit");
        for (int i = 0; i < 3; i++) {
            spool.append(bytes("m" + i));
        }
        assertThatThrownBy(() -> spool.append(bytes("m3"))).isInstanceOf(IOException.class).hasMessageContaining("full");
        assertThat(spool.size()).isEqualTo(3);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".msg")).count()).isEqualTo(3);
        }
    }

    @Test
    void aHalfWrittenMessageFromACrashIsNotDelivered() throws IOException {
        Spool spool = Spool.open(dir, LIMITS);
        spool.append(bytes("whole"));
        Files.write(dir.resolve("2.tmp"), bytes("hal"));
        Spool reopened = Spool.open(dir, LIMITS);
        assertThat(reopened.size()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("2.tmp"))).isFalse();
    }

    @Test
    void aRefusedMessageIsSetAsideWithItsReason() throws IOException {
        Spool spool = Spool.open(dir, LIMITS);
        long sequence = spool.append(bytes("bad"));
        spool.append(bytes("good"));
        spool.reject(sequence, "AE: PID-3 missing");
        assertThat(spool.rejectedCount()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("rejected/" + sequence + ".reason"))).contains("PID-3 missing");
        assertThat(spool.oldest().orElseThrow().message()).isEqualTo(bytes("good"));
    }
}
