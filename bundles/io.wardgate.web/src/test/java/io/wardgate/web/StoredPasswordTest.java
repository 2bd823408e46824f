package io.wardgate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.secrets.SecretBox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's operator keystore password as the component reads it: sealed values open through the
 * secrets service; a value that does not open, or a sealed one with no service, stops the component
 * (the constructor's IOException) with a reason naming the setting and never the value.
 */
class StoredPasswordTest {
    private static final String CLEAR = "hospital-keystore-pass-55e1";

    @TempDir
    Path dir;

    SecretBox box(String name) throws IOException {
        return TestSecretBoxes.fileKey(dir.resolve(name));
    }

    @Test
    void aSealedPasswordOpensForTheWebConsole() throws IOException {
        SecretBox box = box("a");
        String sealed = box.seal(WebConsole.PID, "keystorePassword", CLEAR);
        assertThat(StoredPassword.open(Optional.of(box), "keystorePassword", sealed)).isEqualTo(CLEAR);
        assertThat(StoredPassword.open(Optional.empty(), "keystorePassword", "")).isEmpty();
    }

    @Test
    void aWrongSecretStopsTheComponentWithAReasonAndNoValue() throws IOException {
        SecretBox box = box("a");
        String sealed = box.seal(WebConsole.PID, "keystorePassword", CLEAR);
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> StoredPassword.open(Optional.of(box), "keystorePassword", tampered))
                .isInstanceOf(IOException.class).hasMessageContaining("keystorePassword")
                .hasMessageContaining("does not open").satisfies(e -> assertThat(e.getMessage()).doesNotContain(CLEAR));
        assertThatThrownBy(() -> StoredPassword.open(Optional.of(box("other-gateway")), "keystorePassword", sealed))
                .hasMessageContaining("sealed under key").satisfies(e -> assertThat(e.getMessage()).doesNotContain(CLEAR));
        assertThatThrownBy(() -> StoredPassword.open(Optional.empty(), "keystorePassword", sealed))
                .hasMessageContaining("secrets service").satisfies(e -> assertThat(e.getMessage()).doesNotContain(CLEAR));
    }
}
