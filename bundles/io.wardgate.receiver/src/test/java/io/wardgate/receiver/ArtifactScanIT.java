package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * S1 and S13 build check, on the packaged jars (seal, receiver, api) and the main sources:
 * no private key, keystore or key file is shipped; no ECB mode, no MD5 or SHA-1 signatures, and
 * no java.util.Random in crypto code.
 */
class ArtifactScanIT {
    private static final byte[][] SECRET_MARKERS = {
        "PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII),
        "BEGIN ENCRYPTED PRIVATE KEY".getBytes(StandardCharsets.US_ASCII)};
    private static final Pattern KEY_FILE = Pattern.compile(".*\\.(p12|pfx|jks|jceks|bcfks|keystore|key|pem|der)$",
            Pattern.CASE_INSENSITIVE);
    /** Class-file constant pool entries: a UTF-8 entry holding exactly "java/util/Random". */
    private static final byte[] RANDOM_CLASS = utf8Entry("java/util/Random");
    private static final byte[] RANDOM_DESCRIPTOR = "Ljava/util/Random;".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> BANNED_ALGORITHMS = List.of("/ECB/", "MD5withRSA", "MD5withECDSA",
            "SHA1withRSA", "SHA1withECDSA", "SHA1withDSA", "SHA-1withECDSA");

    private static List<Path> paths(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by the failsafe configuration)", property).isNotBlank();
        return Arrays.stream(value.split(",")).map(Path::of).toList();
    }

    @Test
    void builtJarsShipNoKeyMaterialNoWeakCryptoAndNoJavaUtilRandom() throws IOException {
        List<String> findings = new ArrayList<>();
        int classes = 0;
        for (Path jar : paths("wardgate.artifacts")) {
            assertThat(jar).as("built artifact").exists();
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    String name = entry.getName();
                    byte[] bytes = zip.readAllBytes();
                    if (KEY_FILE.matcher(name).matches()) {
                        findings.add(jar.getFileName() + "!" + name + ": key or keystore file");
                    }
                    if (isPkcs12(bytes)) {
                        findings.add(jar.getFileName() + "!" + name + ": PKCS#12 content");
                    }
                    for (byte[] marker : SECRET_MARKERS) {
                        if (indexOf(bytes, marker) >= 0) {
                            findings.add(jar.getFileName() + "!" + name + ": PEM private key");
                        }
                    }
                    if (name.endsWith(".class") && name.startsWith("io/wardgate/")) {
                        classes++;
                        if (indexOf(bytes, RANDOM_CLASS) >= 0 || indexOf(bytes, RANDOM_DESCRIPTOR) >= 0) {
                            findings.add(jar.getFileName() + "!" + name + ": uses java.util.Random");
                        }
                        String text = new String(bytes, StandardCharsets.ISO_8859_1);
                        for (String banned : BANNED_ALGORITHMS) {
                            if (text.contains(banned)) {
                                findings.add(jar.getFileName() + "!" + name + ": names " + banned);
                            }
                        }
                    }
                }
            }
        }
        assertThat(classes).as("WardGate classes scanned").isGreaterThan(30);
        assertThat(findings).isEmpty();
    }

    @Test
    void mainSourcesUseNoWeakAlgorithmsAndNoJavaUtilRandom() throws IOException {
        Pattern banned = Pattern.compile("java\\.util\\.Random\\b|new Random\\(|\"[^\"]*(ECB|MD5|SHA1with|SHA-1with|"
                + "\\bSHA1\\b|\\bSHA-1\\b)[^\"]*\"");
        List<String> findings = new ArrayList<>();
        int files = 0;
        for (Path root : paths("wardgate.sources")) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (banned.matcher(lines.get(i)).find()) {
                            findings.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(30);
        assertThat(findings).isEmpty();
    }

    @Test
    void theScannerFindsWhatItLooksFor() {
        byte[] planted = ("junk" + "-----BEGIN PRIVATE KEY-----").getBytes(StandardCharsets.US_ASCII);
        assertThat(indexOf(planted, SECRET_MARKERS[0])).isPositive();
        assertThat(isPkcs12(new byte[] {0x30, (byte) 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x30})).isTrue();
        assertThat(KEY_FILE.matcher("certs/gateway.P12").matches()).isTrue();
        assertThat(indexOf(utf8Entry("java/util/Random"), RANDOM_CLASS)).isZero();
        assertThat("AES/ECB/NoPadding".toUpperCase(Locale.ROOT)).contains("/ECB/");
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

    static byte[] utf8Entry(String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] entry = new byte[body.length + 3];
        entry[0] = 1;
        entry[1] = (byte) (body.length >> 8);
        entry[2] = (byte) body.length;
        System.arraycopy(body, 0, entry, 3, body.length);
        return entry;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
