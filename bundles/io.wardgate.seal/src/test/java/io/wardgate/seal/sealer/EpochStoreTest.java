package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochStoreTest {
    @TempDir
    Path temp;

    @Test
    void everyStartTakesTheNextEpochDurably() throws IOException {
        Path dir = temp.resolve("seal");
        assertThat(EpochStore.next(dir)).isZero();
        assertThat(EpochStore.next(dir)).isEqualTo(1);
        assertThat(EpochStore.next(dir)).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("epoch"))).isEqualTo("2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("epoch"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("epoch");
        }
    }

    @Test
    void aMangledEpochFileStopsTheSealerRatherThanReuseAnEpoch() throws IOException {
        Path dir = temp.resolve("seal");
        EpochStore.next(dir);
        Files.writeString(dir.resolve("epoch"), "x1");
        assertThatThrownBy(() -> EpochStore.next(dir)).hasMessageContaining("refusing to guess");
    }
}
