package io.wardgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void relativePathsLiveInTheDataDirectory() {
        assertThat(DataDirectory.resolve("/var/lib/wardgate", "audit")).isEqualTo(Path.of("/var/lib/wardgate/audit"));
        assertThat(DataDirectory.resolve("/var/lib/wardgate", "/srv/audit")).isEqualTo(Path.of("/srv/audit"));
        assertThat(DataDirectory.resolve(null, "audit")).isEqualTo(Path.of("./audit"));
    }
}
