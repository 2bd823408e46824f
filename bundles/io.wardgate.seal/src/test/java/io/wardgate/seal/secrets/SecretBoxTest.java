package io.wardgate.seal.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest with the key in a file (no token): a sealed value opens only where it was sealed, and
 * every bad input (altered, another key, another setting, malformed, too long) is a clear error that
 * never carries the value.
 */
class SecretBoxTest {
    private static final String PID = "io.wardgate.web.WebConsole";
    private static final String CLEAR = "Kennwort-des-Operators-7f3a";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    SecretBox box() throws Exception {
        return new AesGcmSecretBox(SecretsKey.open(dir, Optional.empty(), RANDOM), "test", RANDOM);
    }

    @Test
    void aSealedValueOpensForItsOwnSettingAndShowsNothingOfTheClearText() throws Exception {
        SecretBox box = box();
        String sealed = box.seal(PID, "keystorePassword", CLEAR);
        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain(CLEAR);
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(box.open(PID, "keystorePassword", sealed)).isEqualTo(CLEAR);
        assertThat(box.seal(PID, "keystorePassword", CLEAR)).as("a fresh nonce every time").isNotEqualTo(sealed);
        assertThat(box.seal(PID, "keystorePassword", "")).as("not set stays not set").isEmpty();
        // Reopened from the file: the same key.
        assertThat(box().open(PID, "keystorePassword", sealed)).isEqualTo(CLEAR);
    }

    @Test
    void theKeyFileIsReadableByTheServiceUserOnly() throws Exception {
        box();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SecretsKey.FILE))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(SecretsKey.FILE))).startsWith("wardgate-secrets-key v1 file ");
    }

    @Test
    void aValueCopiedToAnotherSettingDoesNotOpen() throws Exception {
        SecretBox box = box();
        String sealed = box.seal(PID, "keystorePassword", CLEAR);
        assertRefused(() -> box.open(PID, "otherPassword", sealed), "does not open");
        assertRefused(() -> box.open("io.wardgate.other", "keystorePassword", sealed), "does not open");
    }

    @Test
    void anAlteredValueIsRefused() throws Exception {
        SecretBox box = box();
        String sealed = box.seal(PID, "keystorePassword", CLEAR);
        String prefix = sealed.substring(0, SecretBox.PREFIX.length() + 9);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x01;
            String altered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
            assertRefused(() -> box.open(PID, "keystorePassword", altered), "does not open");
        }
        assertRefused(() -> box.open(PID, "keystorePassword", sealed.substring(0, sealed.length() - 4)),
                "does not open");
        assertRefused(() -> box.open(PID, "keystorePassword", prefix + "!!!"), "bad encoding");
        assertRefused(() -> box.open(PID, "keystorePassword", "enc:v1:xyz:abc"), "not a sealed value");
        assertRefused(() -> box.open(PID, "keystorePassword", prefix + "A".repeat(10_000)), "too long");
    }

    @Test
    void aValueSealedUnderAnotherKeySaysWhichKeyItNeeds() throws Exception {
        String sealed = box().seal(PID, "keystorePassword", CLEAR);
        Files.delete(dir.resolve(SecretsKey.FILE)); // the key is lost: a new one is made
        SecretBox fresh = box();
        String id = sealed.substring(SecretBox.PREFIX.length(), SecretBox.PREFIX.length() + 8);
        assertRefused(() -> fresh.open(PID, "keystorePassword", sealed), "sealed under key " + id,
                "set the value again");
    }

    @Test
    void anAlteredKeyFileIsAClearErrorNotAnotherKey() throws Exception {
        box();
        Path file = dir.resolve(SecretsKey.FILE);
        String[] fields = Files.readString(file).strip().split(" ");
        byte[] key = Base64.getDecoder().decode(fields[4]);
        key[0] ^= 0x01;
        fields[4] = Base64.getEncoder().encodeToString(key);
        Files.writeString(file, String.join(" ", fields) + "\n");
        assertThatThrownBy(this::box).hasMessageContaining("does not open (the file was altered)");
        Files.writeString(file, "garbage\n");
        assertThatThrownBy(this::box).hasMessageContaining("is not a secrets key");
    }

    @Test
    void aClearValueFromBeforeIsReturnedAsItIs() throws Exception {
        assertThat(box().open(PID, "keystorePassword", "legacy")).isEqualTo("legacy");
    }

    static void assertRefused(Opening opening, String... reasons) {
        assertThatThrownBy(opening::open).isInstanceOf(SecretException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(reasons).doesNotContain(CLEAR));
    }

    interface Opening {
        String open() throws SecretException;
    }
}
