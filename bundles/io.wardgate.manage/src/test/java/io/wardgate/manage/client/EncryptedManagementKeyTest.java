package io.wardgate.manage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.testkit.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #20 finding 11: the management key may be an encrypted PKCS#8 file as openssl writes it (PBES2,
 * AES-256-CBC); its password comes from a callback (a file or a terminal prompt), never from an argument,
 * and never appears in an error.
 */
class EncryptedManagementKeyTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private Path encrypted;
    private Path publicKey;

    @BeforeEach
    void makeKeysWithOpenssl() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            RequiredTools.unavailable("encrypted PKCS#8 keys are made by openssl, which is missing");
        }
        Path passFile = Files.writeString(dir.resolve("pass"), PASSWORD);
        encrypted = dir.resolve("mgmt-key.pem");
        RequiredTools.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-aes-256-cbc", "-pass", "file:" + passFile, "-out", encrypted.toString());
        publicKey = dir.resolve("mgmt-pub.pem");
        RequiredTools.run("openssl", "pkey", "-in", encrypted.toString(), "-passin", "file:" + passFile, "-pubout",
                "-out", publicKey.toString());
        assertThat(Files.readString(encrypted)).contains("BEGIN ENCRYPTED PRIVATE KEY");
    }

    @Test
    void anEncryptedKeyOpensWithItsPasswordAndSignsForItsPublicKey() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        PrivateKey key = AdminKeys.privateKey(encrypted, () -> {
            asked.incrementAndGet();
            return PASSWORD.toCharArray();
        });
        assertThat(key).isInstanceOf(ECPrivateKey.class);
        assertThat(asked).hasValue(1);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(AdminKeys.publicKey(publicKey));
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aWrongPasswordIsAClearErrorThatDoesNotEchoIt() {
        assertThatThrownBy(() -> AdminKeys.privateKey(encrypted, "wrong password 12345"::toCharArray))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot decrypt")
                .hasMessageNotContaining("wrong password 12345");
    }

    @Test
    void withoutAPasswordSourceAnEncryptedKeyIsRefusedAndAPlainKeyNeedsNone() throws Exception {
        assertThatThrownBy(() -> AdminKeys.privateKey(encrypted)).isInstanceOf(IOException.class)
                .hasMessageContaining("encrypted");
        Path plain = dir.resolve("plain.pem");
        RequiredTools.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                plain.toString());
        assertThat(AdminKeys.privateKey(plain, () -> {
            throw new AssertionError("a plain key must not ask for a password");
        })).isInstanceOf(ECPrivateKey.class);
    }
}
