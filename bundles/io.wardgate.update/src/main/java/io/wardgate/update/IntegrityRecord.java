package io.wardgate.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * integrity.properties with an HMAC-SHA256 over its entries, keyed by integrity.key (32 random
 * bytes, 0600, made with the first record): a record edited by hand, e.g. to re-baseline a changed
 * configuration file, no longer matches its MAC and is reported instead of trusted.
 */
final class IntegrityRecord {
    static final String MAC = "record.mac";
    static final String KEY_FILE = "integrity.key";
    private static final int KEY_BYTES = 32;

    private final Path file;
    private final Path keyFile;

    IntegrityRecord(Path file) {
        this.file = file;
        this.keyFile = file.resolveSibling(KEY_FILE);
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The entries, after checking the MAC; an IOException says why the record cannot be trusted. */
    Map<String, String> read() throws IOException {
        Map<String, String> values = new TreeMap<>(StateFile.read(file));
        String mac = values.remove(MAC);
        if (mac == null || !Files.isRegularFile(keyFile)) {
            throw new IOException("the integrity record has no MAC or its key is gone: it was replaced outside the gateway");
        }
        if (!Digests.same(mac, mac(values, key()))) {
            throw new IOException("the integrity record was modified outside the gateway (MAC mismatch)");
        }
        return values;
    }

    void write(Map<String, String> values) throws IOException {
        Map<String, String> out = new TreeMap<>(values);
        out.remove(MAC);
        out.put(MAC, mac(out, keyOrNew()));
        StateFile.write(file, out);
    }

    private byte[] keyOrNew() throws IOException {
        if (!Files.exists(keyFile)) {
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            try {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(keyFile, key);
            } catch (FileAlreadyExistsException raced) {
                // another writer made it first: use theirs
            }
        }
        return key();
    }

    private byte[] key() throws IOException {
        if (Files.size(keyFile) != KEY_BYTES) {
            throw new IOException(KEY_FILE + " is not " + KEY_BYTES + " bytes");
        }
        return Files.readAllBytes(keyFile);
    }

    private static String mac(Map<String, String> values, byte[] key) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            // Length-prefixed entries in key order: no two different records give the same input.
            values.forEach((k, v) -> {
                for (String part : new String[] {k, v}) {
                    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                    hmac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                            (byte) (bytes.length >>> 8), (byte) bytes.length});
                    hmac.update(bytes);
                }
            });
            return HexFormat.of().formatHex(hmac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
