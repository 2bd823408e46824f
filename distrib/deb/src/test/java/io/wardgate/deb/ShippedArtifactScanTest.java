package io.wardgate.deb;

import io.wardgate.testkit.Bytes;
import io.wardgate.testkit.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S1 and S13 over everything that ships: every file the .deb installs, every jar in it opened
 * recursively (the bundles embedded in wardgate.jar, the tools jar and its libraries), the receiver's
 * jar, and every main source tree of the repository. No private key, keystore or key file; no ECB,
 * MD5/SHA-1 signature or java.util.Random in WardGate code (io.wardgate classes and sources).
 */
class ShippedArtifactScanTest {
    static final Path TOP = Path.of(System.getProperty("wardgate.hardware")).getParent();
    private static final byte[] PEM_PRIVATE_KEY = "PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern KEY_FILE = Pattern.compile(".*\\.(p12|pfx|jks|jceks|bcfks|keystore|key|pem|der|pass)$",
            Pattern.CASE_INSENSITIVE);
    private static final byte[] RANDOM_DESCRIPTOR = "Ljava/util/Random;".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> BANNED_IN_CLASSES = List.of("/ECB/", "MD5withRSA", "MD5withECDSA", "SHA1withRSA",
            "SHA1withECDSA", "SHA1withDSA", "SHA-1withECDSA");
    private static final Pattern BANNED_IN_SOURCES = Pattern.compile("java\\.util\\.Random\\b|new Random\\(|\"[^\"]*(ECB|MD5|"
            + "SHA1with|SHA-1with|\\bSHA1\\b|\\bSHA-1\\b)[^\"]*\"");
    /** Source lines that name a banned word for a stated reason (file name -> what the line holds). */
    private static final Map<String, String> JUSTIFIED = Map.of(
            "TlsSettingsProbe.java", "a pattern that detects weak suites (MD5) in configuration",
            "Totp.java", "RFC 6238 TOTP: HMAC-SHA1 is the algorithm authenticator apps implement; not a signature",
            "TokenKeyStorage.java", "RSA/ECB/PKCS1Padding: the JCA name of RSA key wrapping with the token's key (RSA has"
                    + " no block mode: ECB is the name's filler); PKCS#1 v1.5 because SunPKCS11 on JDK 17 offers no"
                    + " OAEP, and the one decryption happens at start on a local file (security.md, known limits)");
    /** ECB as a block-cipher mode is banned; "RSA/ECB/" is the JCA spelling of single-block RSA. */
    private static final String RSA_ECB = "RSA/ECB/";

    @Test
    void nothingTheDebOrTheReceiverShipsHoldsAKeyOrWeakCrypto(@TempDir Path root) throws Exception {
        RequiredTools.require("unpacking the .deb", "dpkg-deb");
        RequiredTools.run("dpkg-deb", "-x", System.getProperty("wardgate.deb"), root.toString());
        Scan scan = new Scan();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            scan.entry(root.relativize(file).toString(), Files.readAllBytes(file), 0);
        }
        Path receiver = Path.of(System.getProperty("wardgate.receiver"));
        scan.entry(receiver.getFileName().toString(), Files.readAllBytes(receiver), 0);

        assertThat(scan.jars).as("jars opened (wardgate.jar, its bundles, tools, receiver)").isGreaterThan(40);
        assertThat(scan.nestedBundles).as("bundles inside wardgate.jar").isGreaterThan(20);
        assertThat(scan.classes).as("WardGate classes scanned").isGreaterThan(300);
        assertThat(scan.findings).isEmpty();
    }

    @Test
    void noMainSourceTreeHoldsKeyFilesWeakAlgorithmsOrJavaUtilRandom() throws IOException {
        List<Path> trees = new ArrayList<>();
        for (String parent : List.of("bundles", "distrib", "benchmarks", "target-platform")) {
            try (Stream<Path> walk = Files.walk(TOP.resolve(parent), 3)) {
                walk.filter(p -> p.endsWith(Path.of("src", "main"))).forEach(trees::add);
            }
        }
        List<String> findings = new ArrayList<>();
        int sources = 0;
        for (Path tree : trees) {
            try (Stream<Path> walk = Files.walk(tree)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    byte[] bytes = Files.readAllBytes(file);
                    if (KEY_FILE.matcher(name).matches() || Bytes.indexOf(bytes, PEM_PRIVATE_KEY) >= 0 || isPkcs12(bytes)) {
                        findings.add(TOP.relativize(file) + ": key or keystore");
                    }
                    if (!name.endsWith(".java")) {
                        continue;
                    }
                    sources++;
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (BANNED_IN_SOURCES.matcher(lines.get(i)).find() && !JUSTIFIED.containsKey(name)) {
                            findings.add(TOP.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertThat(trees).as("main source trees").hasSizeGreaterThan(20);
        assertThat(sources).isGreaterThan(300);
        assertThat(findings).isEmpty();
    }

    @Test
    void theRandomCheckTellsAConstructedRandomFromSecureRandomsInheritedMethods() throws IOException {
        assertThat(ConstantPool.constructs(classBytes(ShippedArtifactScanTest.class), "java/util/Random")).isFalse();
        assertThat(ConstantPool.constructs(classBytes(MakesARandom.class), "java/util/Random")).isTrue();
        assertThat(ConstantPool.constructs(classBytes(UsesSecureRandom.class), "java/util/Random")).isFalse();
    }

    /** Test fixtures for the Random check (never used as generators). */
    static final class MakesARandom {
        final Object made = new java.util.Random(1);
    }

    static final class UsesSecureRandom {
        final java.util.function.DoubleSupplier jitter = new java.security.SecureRandom()::nextDouble;
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1)
                + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theScanFindsAKeyNestedTwoJarsDeep() throws IOException {
        byte[] inner = jar("certs/ui.P12", new byte[] {0x30, (byte) 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x30});
        byte[] outer = jar("jar/io.wardgate.web.jar", inner);
        Scan scan = new Scan();
        scan.entry("wardgate.jar", outer, 0);
        assertThat(scan.findings).anyMatch(f -> f.contains("ui.P12") && f.contains("key or keystore file"))
                .anyMatch(f -> f.contains("PKCS#12"));
    }

    /** Opens jars recursively (bounded depth) and records what it finds. */
    private static final class Scan {
        final List<String> findings = new ArrayList<>();
        int jars;
        int nestedBundles;
        int classes;

        void entry(String name, byte[] bytes, int depth) throws IOException {
            if (KEY_FILE.matcher(name).matches() && !name.endsWith("-cert.pem")) {
                findings.add(name + ": key or keystore file");
            }
            if (isPkcs12(bytes)) {
                findings.add(name + ": PKCS#12 content");
            }
            if (Bytes.indexOf(bytes, PEM_PRIVATE_KEY) >= 0) {
                findings.add(name + ": PEM private key");
            }
            if (name.endsWith(".class") && name.contains("io/wardgate/")) {
                classes++;
                // A java.util.Random made (its constructor called) or held (a field, parameter or return
                // type); calling SecureRandom's inherited methods (nextDouble) names Random too and is fine.
                if (ConstantPool.constructs(bytes, "java/util/Random") || Bytes.indexOf(bytes, RANDOM_DESCRIPTOR) >= 0) {
                    findings.add(name + ": uses java.util.Random");
                }
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                for (String banned : BANNED_IN_CLASSES) {
                    if (text.replace(RSA_ECB, "RSA/").contains(banned)) {
                        findings.add(name + ": names " + banned);
                    }
                }
            }
            if (name.endsWith(".jar") && depth < 3) {
                jars++;
                if (depth == 1) {
                    nestedBundles++;
                }
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                    for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                        entry(name + "!" + entry.getName(), readBounded(zip), depth + 1);
                    }
                }
            }
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(64 << 20);
        if (in.read() >= 0) {
            throw new IOException("an entry larger than 64 MiB");
        }
        return bytes;
    }

    private static byte[] jar(String name, byte[] content) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** A PKCS#12 PFX: SEQUENCE { INTEGER 3, ... } at the start. */
    static boolean isPkcs12(byte[] bytes) {
        if (bytes.length < 8 || bytes[0] != 0x30) {
            return false;
        }
        int offset = (bytes[1] & 0x80) == 0 ? 2 : 2 + (bytes[1] & 0x7F);
        return offset + 3 <= bytes.length && bytes[offset] == 0x02 && bytes[offset + 1] == 0x01
                && bytes[offset + 2] == 0x03;
    }

    /** Just enough of a class file's constant pool (JVMS 4.4) to see which constructors it calls. */
    static final class ConstantPool {
        static boolean constructs(byte[] classFile, String className) {
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(classFile);
            if (classFile.length < 10 || in.getInt() != 0xCAFEBABE) {
                return false;
            }
            in.getInt(); // versions
            int count = in.getShort() & 0xFFFF;
            String[] utf8 = new String[count];
            int[] classNames = new int[count];
            int[][] refs = new int[count][];
            for (int i = 1; i < count; i++) {
                int tag = in.get() & 0xFF;
                switch (tag) {
                    case 1 -> {
                        byte[] text = new byte[in.getShort() & 0xFFFF];
                        in.get(text);
                        utf8[i] = new String(text, StandardCharsets.UTF_8);
                    }
                    case 7 -> classNames[i] = in.getShort() & 0xFFFF;
                    case 10, 12 -> refs[i] = new int[] {tag, in.getShort() & 0xFFFF, in.getShort() & 0xFFFF};
                    case 3, 4, 9, 11, 17, 18 -> in.getInt();
                    case 5, 6 -> {
                        in.getLong();
                        i++;
                    }
                    case 8, 16, 19, 20 -> in.getShort();
                    case 15 -> {
                        in.get();
                        in.getShort();
                    }
                    default -> throw new IllegalStateException("unknown constant pool tag " + tag);
                }
            }
            for (int[] ref : refs) {
                if (ref != null && ref[0] == 10 && className.equals(utf8[classNames[ref[1]]])
                        && refs[ref[2]] != null && "<init>".equals(utf8[refs[ref[2]][1]])) {
                    return true;
                }
            }
            return false;
        }
    }
}
