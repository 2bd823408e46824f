package io.wardgate.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.update.release.ReleasePackage;
import io.wardgate.update.testbundle.GoodActivator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/** The checks made before anything is installed, on real signed jars. */
class PackageVerifierTest {
    private static final PackageVerifier.Limits LIMITS = new PackageVerifier.Limits(8 << 20, 4 << 20, 10);

    @TempDir
    static Path keys;
    static Path release;
    static Path other;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        release = Fixtures.releaseKey(keys, "wardgate-release");
        other = Fixtures.releaseKey(keys, "someone-else");
    }

    private PackageVerifier verifier() throws Exception {
        return new PackageVerifier(TrustedReleaseKeys.load(Fixtures.pem(release)), LIMITS);
    }

    private Path good(String version) throws Exception {
        return Fixtures.signedPackage(dir, release, version, List.of(
                Fixtures.bundle(dir, "test.a", "1.1.0", GoodActivator.class),
                Fixtures.bundle(dir, "test.c", "1.0.0", null)));
    }

    @Test
    void aPackageSignedWithTheReleaseKeyVerifiesAndItsBundlesAreCopiedOut() throws Exception {
        VerifiedPackage pkg = verifier().verify(good("1.2.3"), dir.resolve("work"));

        assertThat(pkg.symbolicName()).isEqualTo(ReleasePackage.APPLIANCE);
        assertThat(pkg.version()).isEqualTo(new Version(1, 2, 3));
        assertThat(pkg.signer()).isEqualTo("wardgate-release");
        assertThat(pkg.labels()).containsExactly("test.a 1.1.0", "test.c 1.0.0");
        assertThat(Digests.file(pkg.bundles().get(0).file())).isEqualTo(pkg.bundles().get(0).sha256())
                .isEqualTo(Digests.file(dir.resolve("test.a-1.1.0.jar")));
    }

    @Test
    void aTamperedBundleIsRefused() throws Exception {
        Path tampered = Fixtures.tamper(good("1.0.0"), "bundles/test.a");

        assertThatThrownBy(() -> verifier().verify(tampered, dir.resolve("work"))).isInstanceOf(Refused.class)
                .hasMessageContaining("tampered");
    }

    @Test
    void aPackageSignedWithAnotherKeyIsRefused() throws Exception {
        Path foreign = Fixtures.signedPackage(dir, other, "9.0.0",
                List.of(Fixtures.bundle(dir, "test.a", "9.0.0", null)));

        assertThatThrownBy(() -> verifier().verify(foreign, dir.resolve("work"))).isInstanceOf(Refused.class)
                .hasMessageContaining("not signed by a trusted release key");
    }

    @Test
    void anUnsignedOrUndeclaredExtraEntryIsRefused() throws Exception {
        Path extra = Fixtures.withExtraEntry(good("1.0.0"), "bundles/evil.jar",
                Files.readAllBytes(Fixtures.bundle(dir, "evil", "1.0.0", null)));

        assertThatThrownBy(() -> verifier().verify(extra, dir.resolve("work"))).isInstanceOf(Refused.class)
                .hasMessageContaining("bundles/evil.jar");
    }

    @Test
    void anUnsignedPackageIsRefused() throws Exception {
        Path unsigned = dir.resolve("unsigned.dp");
        Path signed = good("1.0.0");
        // the same content without META-INF/*.SF and *.EC
        try (var zip = new java.util.zip.ZipFile(signed.toFile());
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(unsigned))) {
            for (var e = zip.entries(); e.hasMoreElements();) {
                var entry = e.nextElement();
                if (!entry.getName().matches("META-INF/.*\\.(SF|EC)")) {
                    out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                    zip.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        assertThatThrownBy(() -> verifier().verify(unsigned, dir.resolve("work"))).isInstanceOf(Refused.class)
                .hasMessageContaining("is not signed");
    }

    @Test
    void aSignedJarThatIsNotABundleIsRefused() throws Exception {
        Path plain = dir.resolve("plain.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(plain))) {
            out.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
            out.write("hello".getBytes());
            out.closeEntry();
        }
        assertThatThrownBy(() -> Fixtures.signedPackage(dir, release, "1.0.0", List.of(plain)))
                .hasMessageContaining("not an OSGi bundle");
    }

    @Test
    void aPackageLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        PackageVerifier tiny = new PackageVerifier(TrustedReleaseKeys.load(Fixtures.pem(release)),
                new PackageVerifier.Limits(100, 100, 10));

        assertThatThrownBy(() -> tiny.verify(good("1.0.0"), dir.resolve("work"))).isInstanceOf(Refused.class)
                .hasMessageContaining("more than the limit");
    }

    @Test
    void notAJarAtAllIsRefused() throws Exception {
        Path junk = Files.write(dir.resolve("junk.dp"), new byte[] {1, 2, 3, 4});

        assertThatThrownBy(() -> verifier().verify(junk, dir.resolve("work"))).isInstanceOf(Refused.class);
    }

    @Test
    void aHugeManifestIsRefusedBeforeItIsReadIntoMemory() throws Exception {
        Path bomb = dir.resolve("bomb.dp");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
            byte[] spaces = new byte[64 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(spaces);
            }
            out.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(100_000);

        assertThatThrownBy(() -> verifier().verify(bomb, dir.resolve("work"))).isInstanceOf(Refused.class)
                .hasMessageContaining("META-INF/MANIFEST.MF is larger than");
    }
}
