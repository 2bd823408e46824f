package io.wardgate.apptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.update.release.ReleasePackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed updates in the exported appliance, across real process restarts: the bnd launcher must not
 * put the older bundles from wardgate.jar back, and a jar changed on disk while the gateway was
 * stopped is named at the next start.
 */
class UpdateApplianceTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(20);
    private static final String PASSWORD = "test-only-password";

    @TempDir
    Path dir;

    @Test
    void aSignedUpdateSurvivesRestartsNeverDowngradesAndAModifiedJarIsDetected() throws Exception {
        Path data = dir.resolve("data");
        Path conf = dir.resolve("conf");
        try (ApplianceProcess first = ApplianceProcess.start(data, conf)) {
            first.awaitReady(START);
            // The check runs on the update service's thread after the start, not before "ready".
            awaitOutput(first, "integrity: no record yet, baseline recorded");
            first.stop(STOP);
        }

        // The release key and the update: io.wardgate.runtime as a newer bundle version.
        Path key = releaseKey();
        Files.createDirectories(data.resolve("update/inbox"));
        Files.copy(key.resolveSibling("release.pem"), data.resolve("update/release-keys.pem"));
        Path runtime = withVersion(embedded("io.wardgate.runtime"), "0.1.1");
        Path update = dir.resolve("wardgate-1.0.0.dp");
        ReleasePackage.build(ReleasePackage.APPLIANCE, "1.0.0", List.of(runtime),
                ReleasePackage.loadKey(key, PASSWORD.toCharArray()), update);
        Files.copy(update, data.resolve("update/inbox/wardgate-1.0.0.dp"));

        try (ApplianceProcess second = ApplianceProcess.start(data, conf)) {
            second.awaitReady(START);
            awaitOutput(second, "update io.wardgate.appliance 1.0.0 installed");
            // The package is moved to processed/ after that line: stopping before the move would leave it staged.
            await().atMost(START).until(() -> Files.isRegularFile(
                    data.resolve("update/inbox/processed/wardgate-1.0.0.dp.installed")));
            second.stop(STOP);
        }
        assertThat(installedVersion(data, "io.wardgate.runtime")).isEqualTo("0.1.1");
        assertThat(data.resolve("update/inbox/processed/wardgate-1.0.0.dp.installed")).isRegularFile();

        // Restart: the launcher keeps the updated bundle; an older package staged meanwhile is refused.
        Path older = dir.resolve("wardgate-0.9.0.dp");
        ReleasePackage.build(ReleasePackage.APPLIANCE, "0.9.0", List.of(withVersion(runtime, "0.1.2")),
                ReleasePackage.loadKey(key, PASSWORD.toCharArray()), older);
        Files.copy(older, data.resolve("update/inbox/wardgate-0.9.0.dp"));
        try (ApplianceProcess third = ApplianceProcess.start(data, conf)) {
            third.awaitReady(START);
            awaitOutput(third, "0.9.0 is not newer than the installed 1.0.0");
            assertThat(third.output())
                    .contains("integrity: installed bundles and configuration match the record (update 1.0.0)")
                    .doesNotContain("INTEGRITY MISMATCH");
            third.stop(STOP);
        }
        assertThat(installedVersion(data, "io.wardgate.runtime")).isEqualTo("0.1.1");
        assertThat(data.resolve("update/inbox/processed/wardgate-0.9.0.dp.refused")).isRegularFile();

        // A jar in framework storage changed while the gateway is stopped: named at the next start.
        addEntry(contentFile(data, "io.wardgate.check").orElseThrow(), "extra.txt", "not from a release");
        try (ApplianceProcess fourth = ApplianceProcess.start(data, conf)) {
            fourth.awaitReady(START);
            awaitOutput(fourth, "INTEGRITY MISMATCH: bundle io.wardgate.check");
            assertThat(fourth.output()).doesNotContain("INTEGRITY MISMATCH: bundle io.wardgate.runtime");
            fourth.stop(STOP);
        }
    }

    private static void awaitOutput(ApplianceProcess process, String text) {
        await().atMost(START).until(() -> process.output().contains(text));
    }

    private Path releaseKey() throws IOException, InterruptedException {
        Path p12 = dir.resolve("release.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "release", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
                "SHA256withECDSA", "-dname", "CN=wardgate-release-test", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "release", "-keystore", p12.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("release.pem").toString());
        return p12;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
    }

    /** The bundle jar as wardgate.jar embeds it. */
    private Path embedded(String symbolicName) throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("wardgate.jar"))) {
            for (Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements();) {
                java.util.jar.JarEntry entry = e.nextElement();
                if (entry.getName().startsWith("jar/" + symbolicName + "-")) {
                    Path out = dir.resolve(symbolicName + ".jar");
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                    return out;
                }
            }
        }
        throw new IllegalStateException(symbolicName + " is not in wardgate.jar");
    }

    /** The same bundle with another Bundle-Version (a real, working bundle of a newer release). */
    private Path withVersion(Path bundle, String version) throws IOException {
        Path out = dir.resolve(bundle.getFileName().toString().replace(".jar", "-" + version + ".jar"));
        try (JarInputStream in = new JarInputStream(Files.newInputStream(bundle))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest)) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                    jar.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return out;
    }

    /** Felix keeps bundle N in framework/bundleN/versionX.Y/bundle.jar, its location in bundle.info. */
    private static Optional<Path> contentFile(Path data, String symbolicName) throws IOException {
        try (Stream<Path> bundles = Files.list(data.resolve("framework"))) {
            for (Path bundle : (Iterable<Path>) bundles::iterator) {
                Path info = bundle.resolve("bundle.info");
                if (Files.isRegularFile(info) && Files.readString(info).contains("jar/" + symbolicName + "-")) {
                    try (Stream<Path> revisions = Files.list(bundle)) {
                        return revisions.filter(p -> p.getFileName().toString().startsWith("version"))
                                .map(p -> p.resolve("bundle.jar")).filter(Files::isRegularFile)
                                .max((a, b) -> a.getParent().getFileName().toString()
                                        .compareTo(b.getParent().getFileName().toString()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String installedVersion(Path data, String symbolicName) throws IOException {
        try (JarFile jar = new JarFile(contentFile(data, symbolicName).orElseThrow().toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    /** Rewrites a jar with one more entry: still a valid jar, different bytes. */
    private static void addEntry(Path jar, String name, String content) throws IOException {
        Path temp = jar.resolveSibling("rewrite.tmp");
        try (ZipFile zip = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp))) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                zip.getInputStream(entry).transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.move(temp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
