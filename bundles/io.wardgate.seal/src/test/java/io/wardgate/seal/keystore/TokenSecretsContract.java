package io.wardgate.seal.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.secrets.AesGcmSecretBox;
import io.wardgate.seal.secrets.SecretsKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest with the keys in a token (issue 21, item 2): the secrets key is wrapped by an AES key
 * made in the token, so the identity directory alone opens nothing; a file key met with a token is wrapped
 * in place; another token (or an altered file) is a clear error, never another key.
 */
abstract class TokenSecretsContract {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PID = "io.wardgate.web.WebConsole";
    private static final String CLEAR = "operator-keystore-pass-91c2";

    @TempDir
    Path temp;

    abstract KeyLocation location(Path pinFile);

    IdentityStore open(Path directory, String gatewayId) throws Exception {
        return IdentityStore.open(directory, gatewayId, location(Tokens.pinFile(temp.resolve("pins"), Tokens.PIN)),
                RANDOM, Clock.systemUTC());
    }

    static SecretsKey.Opened key(IdentityStore store) throws Exception {
        return SecretsKey.open(store.directory(), store.wrapping(SecretsKey.WRAPPING_ALIAS), RANDOM);
    }

    @Test
    void theSecretsKeyIsWrappedByTheTokenAndTheDirectoryAloneHoldsNoKeyOrSecret() throws Exception {
        Path directory = temp.resolve("data/identity");
        String id = TokenIdentityContract.gatewayId("wg-secrets");
        String sealed;
        byte[] dataKey;
        try (IdentityStore store = open(directory, id)) {
            SecretsKey.Opened key = key(store);
            assertThat(key.wrapped()).isTrue();
            dataKey = key.key().clone();
            sealed = new AesGcmSecretBox(key, "test", RANDOM).seal(PID, "keystorePassword", CLEAR);
        }
        assertThat(Files.readString(directory.resolve(SecretsKey.FILE))).startsWith("wardgate-secrets-key v1 wrapped ");
        Files.writeString(directory.resolve("sealed-setting.txt"), sealed);
        assertThat(KeyMaterialScan.findings(temp.resolve("data"), List.of(dataKey,
                CLEAR.getBytes(StandardCharsets.UTF_8)))).isEmpty();
        // After a restart (a new session with the token) the same key opens the value.
        try (IdentityStore store = open(directory, id)) {
            SecretsKey.Opened again = key(store);
            assertThat(again.key()).isEqualTo(dataKey);
            assertThat(new AesGcmSecretBox(again, "test", RANDOM).open(PID, "keystorePassword", sealed)).isEqualTo(CLEAR);
        }
    }

    @Test
    void aFileKeyFoundWithATokenIsWrappedInPlace() throws Exception {
        Path directory = temp.resolve("data/identity");
        SecretsKey.Opened fileKey = SecretsKey.open(directory, Optional.empty(), RANDOM);
        String sealed = new AesGcmSecretBox(fileKey, "test", RANDOM).seal(PID, "keystorePassword", CLEAR);
        try (IdentityStore store = open(directory, TokenIdentityContract.gatewayId("wg-wrap"))) {
            SecretsKey.Opened wrapped = key(store);
            assertThat(wrapped.wrapped()).isTrue();
            assertThat(new AesGcmSecretBox(wrapped, "test", RANDOM).open(PID, "keystorePassword", sealed)).isEqualTo(CLEAR);
        }
        assertThat(KeyMaterialScan.findings(directory, List.of(fileKey.key()))).isEmpty();
        assertThatThrownBy(() -> SecretsKey.open(directory, Optional.empty(), RANDOM))
                .hasMessageContaining("wrapped by a token, but the keys are configured in a file");
    }

    @Test
    void anotherTokensKeyOrAnAlteredWrapIsAClearError() throws Exception {
        Path directory = temp.resolve("data/identity");
        try (IdentityStore store = open(directory, TokenIdentityContract.gatewayId("wg-one"))) {
            key(store);
        }
        // Another gateway id names another wrapping key in the same token: it must not open this file.
        try (IdentityStore other = open(temp.resolve("other/identity"), TokenIdentityContract.gatewayId("wg-two"))) {
            Files.copy(directory.resolve(SecretsKey.FILE), other.directory().resolve(SecretsKey.FILE));
            assertThatThrownBy(() -> key(other)).hasMessageContaining("does not open with this token");
        }
        Path file = directory.resolve(SecretsKey.FILE);
        String[] fields = Files.readString(file).strip().split(" ");
        byte[] wrap = Base64.getDecoder().decode(fields[4]);
        wrap[wrap.length - 20] ^= 0x01;
        fields[4] = Base64.getEncoder().encodeToString(wrap);
        Files.writeString(file, String.join(" ", fields) + "\n");
        try (IdentityStore store = open(directory, Files.readString(directory.resolve("gateway-id")).strip())) {
            assertThatThrownBy(() -> key(store)).hasMessageContaining("does not open with this token")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CLEAR));
        }
    }

    static SecretBox box(SecretsKey.Opened key) {
        return new AesGcmSecretBox(key, "test", RANDOM);
    }
}
