package io.wardgate.update;

import io.wardgate.update.release.ReleasePackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Real release keys (made by the JDK's keytool), real bundle jars, real signed packages. */
final class Fixtures {
    static final char[] PASSWORD = "test-only-password".toCharArray();

    private Fixtures() {
    }

    /** A PKCS#12 release key (EC P-256, self-signed certificate) and its certificate as PEM beside it. */
    static Path releaseKey(Path dir, String name) throws IOException, InterruptedException {
        Path p12 = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
                "SHA256withECDSA", "-dname", "CN=" + name, "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", new String(PASSWORD));
        run(keytool, "-exportcert", "-rfc", "-alias", name, "-keystore", p12.toString(), "-storepass",
                new String(PASSWORD), "-file", pem.toString());
        return p12;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    static Path pem(Path p12) {
        return p12.resolveSibling(p12.getFileName().toString().replace(".p12", ".pem"));
    }

    /** A bundle with an activator class taken from the test classes (or none). */
    static Path bundle(Path dir, String symbolicName, String version, Class<?> activator) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        if (activator != null) {
            main.putValue("Bundle-Activator", activator.getName());
            main.putValue("Import-Package", "org.osgi.framework");
        }
        Path jar = dir.resolve(symbolicName + "-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (activator != null) {
                String path = activator.getName().replace('.', '/') + ".class";
                out.putNextEntry(new ZipEntry(path));
                try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    static Path signedPackage(Path dir, Path key, String version, List<Path> bundles) throws Exception {
        Path out = dir.resolve("wardgate-" + version + "-" + System.nanoTime() + ".dp");
        ReleasePackage.build(ReleasePackage.APPLIANCE, version, bundles,
                ReleasePackage.loadKey(key, PASSWORD), out);
        return out;
    }

    /** A copy of a signed package with one byte of the named entry's content changed. */
    static Path tamper(Path signed, String entryPrefix) throws IOException {
        Path out = signed.resolveSibling("tampered-" + signed.getFileName());
        try (ZipFile zip = new ZipFile(signed.toFile());
                ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().startsWith(entryPrefix)) {
                    bytes[bytes.length / 2] ^= 0x01;
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        return out;
    }

    /** A copy of a signed package with an extra entry that nobody signed. */
    static Path withExtraEntry(Path signed, String name, byte[] content) throws IOException {
        Path out = signed.resolveSibling("extra-" + signed.getFileName());
        try (ZipFile zip = new ZipFile(signed.toFile());
                ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                copy.putNextEntry(new ZipEntry(entry.getName()));
                zip.getInputStream(entry).transferTo(copy);
                copy.closeEntry();
            }
            copy.putNextEntry(new ZipEntry(name));
            copy.write(content);
            copy.closeEntry();
        }
        return out;
    }
}
