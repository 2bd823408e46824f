package io.wardgate.shared.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @Test
    void aPrivateFileIsOnlyTheServiceUsersEvenWhenItReplacesAReadableOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.key"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        DurableFiles.writePrivate(file, bytes("new"));

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(leftovers(dir)).isZero();
    }

    @Test
    void aReplacedFileKeepsTheModeAnOperatorGaveIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("Uplink.config"), "a=1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        DurableFiles.replace(file, bytes("a=2\n"));
        DurableFiles.replace(dir.resolve("New.config"), bytes("b=1\n"));

        assertThat(Files.readString(file)).isEqualTo("a=2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("New.config"))))
                .isEqualTo("rw-------");
        assertThat(leftovers(dir)).isZero();
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectory(dir.resolve("a-directory-in-the-way"));
        Files.writeString(target.resolve("inside"), "kept");

        assertThatThrownBy(() -> DurableFiles.writePrivate(target, bytes("x"))).isInstanceOf(java.io.IOException.class);

        assertThat(Files.readString(target.resolve("inside"))).isEqualTo("kept");
        assertThat(leftovers(dir)).isZero();
    }

    @Test
    void aPrivateDirectoryIsMadeOrTightenedTo0700(@TempDir Path dir) throws Exception {
        Path made = DurableFiles.privateDirectory(dir.resolve("a/b"));
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        DurableFiles.privateDirectory(open);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwx------");
    }

    private static long leftovers(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX)).count();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
