package io.wardgate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.web.auth.Base32;
import io.wardgate.web.auth.Role;
import io.wardgate.web.auth.User;
import io.wardgate.web.auth.UserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOTP secrets in the web user file are sealed by the gateway's secrets service: a file written before is
 * sealed in place when opened, the secret still works after, and a file sealed under another key stops
 * the UI with a reason that names the user, never the secret.
 */
class SealedTotpSecretsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    SecretBox box(String name) throws IOException {
        return TestSecretBoxes.fileKey(dir.resolve(name));
    }

    @Test
    void aClearTotpSecretIsSealedInPlaceAndStillWorks() throws Exception {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        String base32 = Base32.encode(secret);
        Path file = dir.resolve("web/users");
        UserStore.open(file).add(new User("alice", Role.ADMINISTRATOR, "$argon2id$v=19$m=12288,t=3,p=1$c2FsdA$aGFzaA",
                secret, 7, Instant.ofEpochSecond(1_700_000_000L)));
        assertThat(Files.readString(file)).contains(base32);

        SecretBox box = box("identity");
        UserStore sealed = UserStore.open(file, new SealedTotpSecrets(box));
        assertThat(sealed.sealedAtOpen()).isEqualTo(1);
        assertThat(Files.readString(file)).doesNotContain(base32).contains(" enc:v1:");
        assertThat(sealed.find("alice").orElseThrow().totpSecret()).isEqualTo(secret);

        UserStore again = UserStore.open(file, new SealedTotpSecrets(box));
        assertThat(again.sealedAtOpen()).isZero();
        assertThat(again.find("alice").orElseThrow().totpSecret()).isEqualTo(secret);

        assertThatThrownBy(() -> UserStore.open(file, new SealedTotpSecrets(box("another-key"))))
                .isInstanceOf(IOException.class).hasMessageContaining("totp:alice", "sealed under key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(base32));
    }
}
