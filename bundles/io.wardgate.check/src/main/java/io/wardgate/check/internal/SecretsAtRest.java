package io.wardgate.check.internal;

import io.wardgate.check.Installation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What protects the configuration's secrets, in plain words: sealed values ("enc:v1:") under the secrets
 * key in the identity directory, which is either wrapped by the token's key or a file readable by the
 * service user only; and how many password settings are still in clear (sealed at the next start), and
 * whether the web UI keystore's password file is (an installation from before it was sealed).
 */
final class SecretsAtRest {
    static final String KEY_FILE = "secrets.key";
    /** The web UI's keystore password file, under the data directory (io.wardgate.web's UiKeystore). */
    static final String UI_KEYSTORE_PASSWORD = "web/tls/ui-keystore.pass";

    private SecretsAtRest() {
    }

    static String describe(Installation installation) {
        Path file = installation.keys().resolve(KEY_FILE);
        String key;
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            key = "configuration secrets: no secrets key yet in " + file + " (made at the first start)";
        } else {
            String[] fields = head(file).split(" ");
            if (fields.length >= 4 && fields[2].equals("wrapped")) {
                key = "configuration secrets: sealed (AES-256-GCM) under key " + fields[3] + ", wrapped by the token's "
                        + "key in " + file + ": the SD card alone does not open them";
            } else if (fields.length >= 4 && fields[2].equals("file")) {
                key = "configuration secrets: sealed (AES-256-GCM) under key " + fields[3] + " kept in the file " + file
                        + " (service user only): whoever copies the data directory opens them";
            } else {
                key = "configuration secrets: " + file + " is not a secrets key";
            }
        }
        long clear = ConfigFiles.read(installation.conf()).stream()
                .filter(e -> e.file().getFileName().toString().startsWith("io.wardgate.")
                        && e.key().toLowerCase(Locale.ROOT).contains("password") && !e.value().isEmpty()
                        && !e.value().startsWith("enc:v1:"))
                .count();
        String settings = clear == 0 ? key : key + "; " + clear + " password setting(s) in " + installation.conf()
                + " still in clear (sealed at the next start)";
        Path ui = installation.data().resolve(UI_KEYSTORE_PASSWORD);
        boolean uiInClear = Files.isRegularFile(ui, LinkOption.NOFOLLOW_LINKS) && !head(ui).startsWith("enc:v1:");
        return uiInClear ? settings + "; the web UI keystore password " + ui + " is in clear (sealed at the next start)"
                : settings;
    }

    private static String head(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII);
            return text.strip();
        } catch (IOException e) {
            return "";
        }
    }
}
