package io.wardgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo and the benchmarks start the gateway as the unit does: its options, and its archive where made. */
class ShippedJvmTest {
    @TempDir
    Path top;

    @Test
    void theOptionsAreTheUnits() throws IOException {
        unit("Environment=\"WARDGATE_JAVA_OPTS=-Xmx40m  -XX:+UseSerialGC \"\n");
        assertThat(ShippedJvm.options(top)).isEqualTo("-Xmx40m  -XX:+UseSerialGC");
        assertThat(ShippedJvm.forJar(top, top.resolve("wardgate.jar"))).containsExactly("-Xmx40m", "-XX:+UseSerialGC");
    }

    @Test
    void theArchiveBesideTheJarIsAddedAsTheUnitsCdsEnvAddsIt() throws IOException {
        unit("Environment=\"WARDGATE_JAVA_OPTS=-Xmx40m\"\n");
        Path jar = Files.createFile(top.resolve("wardgate.jar"));
        Path archive = Files.createFile(top.resolve("wardgate.jsa"));
        assertThat(ShippedJvm.forJar(top, jar))
                .containsExactly("-Xmx40m", "-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-Xlog:cds");
    }

    @Test
    void aUnitWithoutOptionsIsAClearError() throws IOException {
        unit("[Service]\n");
        assertThatThrownBy(() -> ShippedJvm.options(top)).hasMessageContaining("no WARDGATE_JAVA_OPTS");
    }

    private void unit(String text) throws IOException {
        Path unit = top.resolve("distrib/deb/src/deb/systemd/wardgate.service");
        Files.createDirectories(unit.getParent());
        Files.writeString(unit, text);
    }
}
