package io.wardgate.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.audit.syslog.CursorFile.Cursor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable cursor: absent means zero, written atomically, a damaged file means "send everything again". */
class CursorFileTest {
    @TempDir
    Path dir;

    @Test
    void anAbsentCursorIsZeroAndAWrittenOneReadsBack() throws IOException {
        CursorFile file = new CursorFile(dir.resolve("export/cursor"));
        assertThat(file.read()).isEqualTo(new CursorFile.Read(Cursor.ZERO, false));

        file.write(new Cursor(1234, "c".repeat(64)));

        assertThat(file.read()).isEqualTo(new CursorFile.Read(new Cursor(1234, "c".repeat(64)), false));
        assertThat(Files.readString(dir.resolve("export/cursor"))).isEqualTo("WGCURSOR1 1234 " + "c".repeat(64) + "\n");
        assertThat(Files.exists(dir.resolve("export/cursor.tmp"))).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("export"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aDamagedCursorReadsAsZeroAndSaysSo() throws IOException {
        Path path = dir.resolve("cursor");
        for (String damaged : new String[] {"", "WGCURSOR1 12", "WGCURSOR1 -5 -\n", "WGCURSOR1 99 xyz\n",
                "x".repeat(1000)}) {
            Files.writeString(path, damaged, StandardCharsets.US_ASCII);
            assertThat(new CursorFile(path).read()).as(damaged).isEqualTo(new CursorFile.Read(Cursor.ZERO, true));
        }
    }
}
