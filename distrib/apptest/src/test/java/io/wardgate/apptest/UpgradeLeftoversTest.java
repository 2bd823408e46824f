package io.wardgate.apptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade as a .deb does it: the same data directory, a newer wardgate.jar. The "older release" here is
 * the real jar plus one more embedded bundle; the newer one (the real jar) no longer carries it, and the
 * launcher alone would keep it installed for ever. The runtime uninstalls it at the first start.
 */
class UpgradeLeftoversTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String RETIRED = "jar/io.wardgate.test.retired-1.0.0.jar";

    @TempDir
    Path dir;

    @Test
    void aBundleTheNewJarNoLongerCarriesIsUninstalledAtItsFirstStart() throws Exception {
        Path data = dir.resolve("data");
        Path conf = dir.resolve("conf");
        Path jar = Path.of(System.getProperty("wardgate.jar"));
        Path older = olderRelease(jar, dir.resolve("wardgate-older.jar"));

        try (ApplianceProcess first = ApplianceProcess.start(data, conf, older)) {
            first.awaitReady(START);
            first.stop(Duration.ofSeconds(20));
        }
        assertThat(installedLocations(data)).as("the older release installed it").contains(RETIRED);

        try (ApplianceProcess upgraded = ApplianceProcess.start(data, conf, jar)) {
            upgraded.awaitReady(START);
            await().atMost(START).until(() -> upgraded.output().contains("Uninstalled 1 bundle(s)"));
            assertThat(upgraded.output()).contains("io.wardgate.test.retired 1.0.0 (" + RETIRED + ")")
                    .doesNotContainPattern("(?m)\\] ERROR ");
            upgraded.stop(Duration.ofSeconds(20));
        }
        try (ApplianceProcess again = ApplianceProcess.start(data, conf, jar)) {
            again.awaitReady(START);
            assertThat(again.output()).doesNotContain("Uninstalled");
            again.stop(Duration.ofSeconds(20));
        }
        assertThat(installedLocations(data)).doesNotContain(RETIRED).anyMatch(l -> l.startsWith("jar/io.wardgate.runtime"));
    }

    /** The locations in Felix's bundle cache (each bundleN/bundle.info names its location on line 2). */
    private static java.util.List<String> installedLocations(Path data) throws Exception {
        try (Stream<Path> dirs = Files.list(data.resolve("framework"))) {
            return dirs.map(d -> d.resolve("bundle.info")).filter(Files::isRegularFile).map(info -> {
                try {
                    return Files.readAllLines(info).get(1);
                } catch (Exception e) {
                    return "";
                }
            }).toList();
        }
    }

    /** The real jar with one more embedded bundle, listed in its launcher.properties. */
    private static Path olderRelease(Path jar, Path older) throws Exception {
        byte[] retired = emptyBundle("io.wardgate.test.retired", "1.0.0");
        try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(older);
                JarOutputStream out = new JarOutputStream(file, withDigest(in.getManifest(), retired))) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals(JarFile.MANIFEST_NAME) || entry.getName().equals("META-INF/")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream bytes = in.getInputStream(entry)) {
                    if (entry.getName().equals("launcher.properties")) {
                        String text = new String(bytes.readAllBytes(), StandardCharsets.ISO_8859_1);
                        out.write(text.replaceFirst("(?m)^launch\\.bundles=", "launch.bundles=" + RETIRED + ",")
                                .getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        bytes.transferTo(out);
                    }
                }
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(RETIRED));
            out.write(retired);
            out.closeEntry();
        }
        return older;
    }

    /** The exported jar's manifest names each embedded bundle's SHA-256, which the launcher records. */
    private static Manifest withDigest(Manifest manifest, byte[] bundle) throws Exception {
        Manifest copy = new Manifest(manifest);
        Attributes digest = new Attributes();
        digest.putValue("SHA-256-Digest", java.util.Base64.getEncoder()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(bundle)));
        copy.getEntries().put(RETIRED, digest);
        return copy;
    }

    private static byte[] emptyBundle(String symbolicName, String version) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream ignored = new JarOutputStream(bytes, manifest)) {
            // nothing but the manifest
        }
        return bytes.toByteArray();
    }
}
