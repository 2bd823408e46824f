package io.wardgate.seal.secrets;

import io.wardgate.shared.files.DurableFiles;
import io.wardgate.seal.keystore.KeyStorageUnavailableException;
import io.wardgate.seal.keystore.KeyWrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secrets data key (AES-256) and its id, kept in {@code secrets.key} (0600) in the identity directory:
 * wrapped by the key storage's wrapping key when the keys are in a token, as it is when they are in a file.
 * One line: {@code wardgate-secrets-key v1 <file|wrapped> <key id> <base64 key or wrap> <base64 check>}. The
 * check is an AES-GCM seal of nothing under the key, so a wrong token or an altered file is told apart
 * from a tampered value. A file key met with a token is wrapped in place (the token takes over).
 */
public final class SecretsKey {
    public static final String FILE = "secrets.key";
    public static final String WRAPPING_ALIAS = "secrets-kek";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}");
    private static final int MAX_FILE_BYTES = 4096;

    /** The key as it is used: id and the 32 key bytes; whether it is wrapped by a token. */
    public record Opened(String id, byte[] key, boolean wrapped) {
        @Override
        public String toString() {
            return "SecretsKey[" + id + (wrapped ? ", wrapped" : ", file") + "]";
        }
    }

    private SecretsKey() {
    }

    /**
     * Opens (or makes, on first start) the key in {@code directory}.
     *
     * @param wrap the token's wrapping key, or empty when the keys are in a file
     * @throws IOException when the file is unreadable, malformed, or does not open (no secret in the message)
     */
    public static Opened open(Path directory, Optional<KeyWrap> wrap, SecureRandom random) throws IOException {
        DurableFiles.privateDirectory(directory);
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            byte[] id = new byte[4];
            random.nextBytes(id);
            Opened made = new Opened(HexFormat.of().formatHex(id), key, wrap.isPresent());
            write(file, made, wrap, random);
            return made;
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + " is not a secrets key (too large)");
        }
        String[] fields = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
        if (fields.length != 6 || !fields[0].equals("wardgate-secrets-key") || !fields[1].equals("v1")
                || !ID.matcher(fields[3]).matches() || !(fields[2].equals("file") || fields[2].equals("wrapped"))) {
            throw new IOException(file + " is not a secrets key (unknown format)");
        }
        boolean wrapped = fields[2].equals("wrapped");
        if (wrapped && wrap.isEmpty()) {
            throw new IOException(file + " is wrapped by a token, but the keys are configured in a file: "
                    + "configure the token again (the secrets cannot be opened without it)");
        }
        byte[] stored = decode(file, fields[4]);
        byte[] key;
        try {
            key = wrapped ? wrap.get().unwrap(stored) : stored;
        } catch (KeyStorageUnavailableException e) {
            throw e; // the token did not answer: said as such, and tried again later
        } catch (IllegalStateException e) {
            throw new IOException(file + " does not open with this token (another token, or the file was altered)");
        }
        if (key.length != 32 || !Gcm.checks(key, fields[3], decode(file, fields[5]))) {
            Arrays.fill(key, (byte) 0);
            throw new IOException(file + " does not open" + (wrapped ? " with this token (another token, or the"
                    + " file was altered)" : " (the file was altered)"));
        }
        Opened opened = new Opened(fields[3], key, wrapped);
        if (!wrapped && wrap.isPresent()) {
            opened = new Opened(opened.id(), key, true);
            write(file, opened, wrap, random);
        }
        return opened;
    }

    private static void write(Path file, Opened key, Optional<KeyWrap> wrap, SecureRandom random) throws IOException {
        byte[] stored = wrap.isPresent() ? wrap.get().wrap(key.key()) : key.key();
        Base64.Encoder b64 = Base64.getEncoder();
        String line = String.join(" ", "wardgate-secrets-key", "v1", wrap.isPresent() ? "wrapped" : "file", key.id(),
                b64.encodeToString(stored), b64.encodeToString(Gcm.check(key.key(), key.id(), random))) + "\n";
        DurableFiles.writePrivate(file, line.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] decode(Path file, String field) throws IOException {
        try {
            return Base64.getDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a secrets key (bad encoding)");
        }
    }
}
