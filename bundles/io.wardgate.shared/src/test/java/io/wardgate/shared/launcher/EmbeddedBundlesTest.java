package io.wardgate.shared.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What wardgate.jar's bnd launcher installs: its launcher.properties' launch.bundles, and nothing else's. */
class EmbeddedBundlesTest {
    @TempDir
    Path dir;

    @Test
    void theListIsTheLauncherJarsOwnAndAnyOtherFileGivesNone() throws Exception {
        Path jar = jar("launcher.properties", "launch.embedded=true\nlaunch.bundles=jar/a-1.0.jar,jar/b-2.0.jar\n");
        assertThat(EmbeddedBundles.locations(jar)).contains(List.of("jar/a-1.0.jar", "jar/b-2.0.jar"));

        assertThat(EmbeddedBundles.locations(jar("launcher.properties", "launch.bundles=jar/a-1.0.jar\n")))
                .as("not an embedded launcher").isEmpty();
        assertThat(EmbeddedBundles.locations(jar("other.properties", "launch.embedded=true\nlaunch.bundles=jar/a.jar\n")))
                .as("no launcher.properties").isEmpty();
        assertThat(EmbeddedBundles.locations(jar("launcher.properties", "launch.embedded=true\nlaunch.bundles=\n")))
                .as("an empty list never means: remove everything").isEmpty();
        assertThat(EmbeddedBundles.locations(dir.resolve("classes"))).as("not a file").isEmpty();
    }

    private Path jar(String entry, String text) throws Exception {
        Path jar = Files.createTempFile(dir, "launcher", ".jar");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
        }
        return Files.write(jar, bytes.toByteArray());
    }
}
