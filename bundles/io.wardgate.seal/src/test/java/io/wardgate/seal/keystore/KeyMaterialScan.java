package io.wardgate.seal.keystore;

import io.wardgate.testkit.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds private key material in every file under a directory: PEM private keys, DER PKCS#8 and SEC 1
 * EC keys (their fixed ASN.1 openings), PKCS#12 files, and any given secret byte string.
 */
final class KeyMaterialScan {
    /** PrivateKeyInfo for EC: SEQUENCE { INTEGER 0, SEQUENCE { OID ecPublicKey ... */
    private static final byte[] PKCS8_EC = HexFormat.of().parseHex("020100301306072a8648ce3d0201");
    /** ECPrivateKey (SEC 1): SEQUENCE { INTEGER 1, OCTET STRING (32) ... */
    private static final byte[] SEC1_P256 = HexFormat.of().parseHex("0201010420");
    /** PFX: SEQUENCE { INTEGER 3, ContentInfo { OID pkcs7-data ... */
    private static final byte[] PKCS12 = HexFormat.of().parseHex("02010330");

    private KeyMaterialScan() {
    }

    /** One line per finding, "file: what"; empty when nothing was found. */
    static List<String> findings(Path root, List<byte[]> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                if (text.contains("PRIVATE KEY-----")) {
                    found.add(file + ": a PEM private key");
                }
                if (contains(bytes, PKCS8_EC)) {
                    found.add(file + ": a PKCS#8 EC private key");
                }
                if (contains(bytes, SEC1_P256)) {
                    found.add(file + ": a SEC 1 EC private key");
                }
                if (bytes.length > 4 && bytes[0] == 0x30 && contains(java.util.Arrays.copyOf(bytes, 16), PKCS12)) {
                    found.add(file + ": a PKCS#12 key store");
                }
                for (byte[] secret : secrets) {
                    if (contains(bytes, secret)) {
                        found.add(file + ": a secret's bytes");
                    }
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return Bytes.indexOf(haystack, needle) >= 0;
    }
}
