package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wardgate release sign: a real keytool key, a real bundle, a signed package the JDK verifies. */
class ReleaseCommandTest {
    @TempDir
    Path dir;

    @Test
    void signsADeploymentPackageWhoseEveryEntryIsSignedByTheReleaseKey() throws Exception {
        Path key = dir.resolve("release.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "release", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=wardgate-release", "-storetype", "PKCS12", "-keystore", key.toString(), "-storepass",
                "test-password").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "io.wardgate.example;singleton:=true");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.2.0");
        Path bundle = dir.resolve("example.jar");
        new JarOutputStream(Files.newOutputStream(bundle), manifest).close();
        Path out = dir.resolve("update.dp");

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = new ReleaseCommand(Map.of(ReleaseCommand.PASSWORD_ENV, "test-password")::get).run(
                List.of("sign", "--key", key.toString(), "--version", "2.0.0", "--out", out.toString(),
                        bundle.toString()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        try (JarFile jar = new JarFile(out.toFile(), true)) {
            assertThat(jar.getManifest().getMainAttributes().getValue("DeploymentPackage-Version")).isEqualTo("2.0.0");
            assertThat(jar.getManifest().getAttributes("bundles/io.wardgate.example-1.2.0.jar")
                    .getValue("Bundle-SymbolicName")).isEqualTo("io.wardgate.example");
            JarEntry entry = jar.getJarEntry("bundles/io.wardgate.example-1.2.0.jar");
            jar.getInputStream(entry).readAllBytes();
            X509Certificate signer = (X509Certificate) entry.getCodeSigners()[0].getSignerCertPath().getCertificates().get(0);
            assertThat(signer.getSubjectX500Principal().getName()).isEqualTo("CN=wardgate-release");
        }
    }

    @Test
    void refusesWithoutAPasswordOrRequiredOptions() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        ReleaseCommand command = new ReleaseCommand(name -> null);

        assertThat(command.run(List.of("sign", "--key", "k.p12"), quiet, new PrintStream(err))).isEqualTo(Command.USAGE);
        assertThat(err.toString()).contains("--key, --version, --out");
        assertThat(command.run(List.of("publish"), quiet, quiet)).isEqualTo(Command.USAGE);
    }
}
